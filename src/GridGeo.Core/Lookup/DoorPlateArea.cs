namespace GridGeo.Core.Lookup;

/// <summary>
/// The part of a district a door-plate search is held to: a county (6-digit code) and/or a street (9-digit code). The
/// same door plate (幸福路3号1栋2单元201室) often stands in several counties of a city; a caller who knows where it asks
/// only there. A building is inside when the code of the area it stands in (its community's, or its county's when it is
/// in no community) begins with the county and the street given; a building of no known area is inside only
/// <see cref="Anywhere"/>.
/// </summary>
/// <param name="County">A 6-digit county code, or null for any county.</param>
/// <param name="Street">A 9-digit street code, or null for any street.</param>
public readonly record struct DoorPlateArea(string? County, string? Street)
{
    /// <summary>No limit: every building of the index.</summary>
    public static readonly DoorPlateArea Anywhere = new(null, null);

    public bool IsAnywhere => County is null && Street is null;

    /// <summary>Whether a building in the area <paramref name="areaCode"/> (a community or county code; null when unknown) lies inside.</summary>
    public bool Contains(string? areaCode) =>
        IsAnywhere || areaCode is not null
            && (County is null || areaCode.StartsWith(County, StringComparison.Ordinal))
            && (Street is null || areaCode.StartsWith(Street, StringComparison.Ordinal));

    /// <summary>"county 360101, street 360101001" (what the search was held to), or "anywhere".</summary>
    public override string ToString() =>
        IsAnywhere ? "anywhere" : string.Join(", ", new[] { County is null ? null : $"county {County}", Street is null ? null : $"street {Street}" }.OfType<string>());
}

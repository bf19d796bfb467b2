namespace GridGeo.Core.Geo;

/// <summary>The names of <see cref="CoordinateSystem"/> as they appear in <c>--crs</c> and <c>crs=</c>.</summary>
public static class CoordinateSystems
{
    /// <summary>The accepted names, in the order the contract lists them.</summary>
    public static readonly IReadOnlyList<string> Names = ["wgs84", "cgcs2000", "gcj02", "bd09"];

    /// <summary>The name of <paramref name="system"/> as accepted by <see cref="Parse"/>.</summary>
    public static string NameOf(CoordinateSystem system) => Names[(int)system];

    /// <summary>
    /// Reads a coordinate system name (case-insensitive; also EPSG:4326 and EPSG:4490). Null or empty means
    /// <see cref="CoordinateSystem.Wgs84"/>.
    /// </summary>
    public static bool TryParse(string? value, out CoordinateSystem system)
    {
        system = CoordinateSystem.Wgs84;
        if (string.IsNullOrWhiteSpace(value)) return true;
        switch (value.Trim().ToLowerInvariant())
        {
            case "wgs84" or "wgs-84" or "epsg:4326" or "4326": system = CoordinateSystem.Wgs84; return true;
            case "cgcs2000" or "epsg:4490" or "4490": system = CoordinateSystem.Cgcs2000; return true;
            case "gcj02" or "gcj-02": system = CoordinateSystem.Gcj02; return true;
            case "bd09" or "bd-09": system = CoordinateSystem.Bd09; return true;
            default: return false;
        }
    }

    /// <summary>
    /// As <see cref="TryParse"/>, but an unknown name is a <see cref="BadInputException"/> naming
    /// <paramref name="source"/> (the option or parameter), the value and the allowed list.
    /// </summary>
    public static CoordinateSystem Parse(string? value, string source)
    {
        if (TryParse(value, out var system)) return system;
        throw new BadInputException(source, $"\"{value}\"", $"unknown coordinate system; allowed: {string.Join(", ", Names)}");
    }
}

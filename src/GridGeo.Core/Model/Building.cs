using NetTopologySuite.Geometries;

namespace GridGeo.Core.Model;

/// <summary>
/// A building (楼栋) as a point in WGS84, with its households, stair units (单元) and floors.
/// Links to community, compound and dedicated area are optional in a bundle; <see cref="Linking.BundleLinker"/>
/// derives missing ones from the polygons that contain the point.
/// </summary>
public sealed record Building(
    string Id,
    Point Location,
    int Households,
    int Units = 1,
    int Floors = 1,
    string? CompoundId = null,
    string? CommunityCode = null,
    string? DedicatedId = null,
    string? Address = null)
{
    /// <summary>
    /// The households of stair unit <paramref name="unit"/> (1-based) when the building's households are shared out evenly
    /// over its units (the first units take one more each for the remainder), as when households.csv does not list them.
    /// </summary>
    public int UnitHouseholds(int unit)
    {
        var n = Math.Max(1, Units);
        return Households / n + (unit <= Households % n ? 1 : 0);
    }
}

namespace GridGeo.Core.Coverage;

/// <summary>
/// One way a grid plan breaks the rules every plan must keep (contract §2), found by
/// <see cref="PlanImportValidator"/>. <see cref="Rule"/> is one of <see cref="PlanRules"/>; the grid (and, for an
/// overlap, the other grid) it concerns; where it is, as a WGS84 point inside the faulty area (or at the building);
/// the faulty area in m² when it is an area; the households concerned when it is about households.
/// </summary>
public sealed record PlanProblem(
    string Rule,
    string Message,
    string? GridCode = null,
    string? OtherGridCode = null,
    string? CommunityCode = null,
    double? Lon = null,
    double? Lat = null,
    double? AreaM2 = null,
    IReadOnlyList<string>? HouseholdIds = null,
    string? BuildingId = null);

/// <summary>The names of the rules a plan is checked against, as they appear in <see cref="PlanProblem.Rule"/>.</summary>
public static class PlanRules
{
    /// <summary>The grid names a community that is not stored.</summary>
    public const string UnknownCommunity = "unknown_community";

    /// <summary>The grid's code does not start with the code of the community it names.</summary>
    public const string CodeCommunity = "code_community";

    /// <summary>The grid's geometry is not a valid polygon (self-intersection, bad ring).</summary>
    public const string InvalidGeometry = "invalid_geometry";

    /// <summary>A grid is one polygon, except that a whole separate piece (exclave) of its community may join it.</summary>
    public const string OnePolygon = "one_polygon";

    /// <summary>Part of the grid lies outside its community.</summary>
    public const string OutsideCommunity = "outside_community";

    /// <summary>Two grids cover the same area.</summary>
    public const string Overlap = "overlap";

    /// <summary>Part of a community is covered by no grid.</summary>
    public const string Gap = "gap";

    /// <summary>Households of the community that no grid lists (by building or stair unit).</summary>
    public const string HouseholdLeftOut = "household_left_out";

    /// <summary>Households listed by two grids.</summary>
    public const string HouseholdTwice = "household_twice";

    /// <summary>A grid has a vertex off the 7-decimal grid (<see cref="Geo.GridPrecision"/>): written as 7 decimals it would change.</summary>
    public const string Precision = "precision";

    /// <summary>Neighbouring grids' edges do not match exactly (NTS CoverageValidator): an overlap or a vertex on one side only.</summary>
    public const string CoverageEdges = "coverage_edges";

    /// <summary>A grid lists a building that is not a stored building of its community.</summary>
    public const string UnknownBuilding = "unknown_building";
}

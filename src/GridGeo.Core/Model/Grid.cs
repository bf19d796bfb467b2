using NetTopologySuite.Geometries;

namespace GridGeo.Core.Model;

/// <summary>
/// A grid (网格) of a plan: its 15-digit code (community code + 3-digit sequence), its kind
/// (<see cref="GridKinds.Basic"/> or <see cref="GridKinds.Dedicated"/>), households, member buildings
/// (a building split by stair unit appears as <c>"&lt;id&gt;#&lt;unit&gt;"</c>) and boundary.
/// The boundary is one Polygon, or a MultiPolygon only when it takes in a whole exclave of its community.
/// </summary>
public sealed record Grid(
    string Code,
    string CommunityCode,
    string Kind,
    string? DedicatedKind,
    int Households,
    IReadOnlyList<string> Buildings,
    Geometry Boundary);

public static class GridKinds
{
    public const string Basic = "basic";
    public const string Dedicated = "dedicated";
}

/// <summary>A liaison unit (联户单元): about 30 neighbouring households inside one grid.</summary>
public sealed record LiaisonUnit(
    string Code,
    string GridCode,
    int Households,
    IReadOnlyList<string> Members,
    Geometry? Boundary);

using NetTopologySuite.Geometries;

namespace GridGeo.Core.Model;

/// <summary>
/// A large self-contained place with a clear responsible body (park, school, market, …) that becomes
/// a dedicated grid (专属网格), not held to the household bounds of basic grids.
/// </summary>
public sealed record DedicatedArea(string Id, string Kind, string Name, string? CommunityCode, Geometry Boundary);

/// <summary>The kinds a dedicated area may have (contract §1).</summary>
public static class DedicatedKinds
{
    public static readonly IReadOnlyList<string> All =
    [
        "park", "school", "market", "hospital", "government", "industrial_park", "business_building", "scenic_area",
    ];

    public static bool IsKnown(string kind) => All.Contains(kind);
}

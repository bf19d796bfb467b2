using NetTopologySuite.Geometries;

namespace GridGeo.Core.Model;

/// <summary>A physical line grids should follow: a road, river, railway or wall (LineString or MultiLineString).</summary>
public sealed record Barrier(string Kind, Geometry Line)
{
    /// <summary>Rivers (and railways) are hard: a grid crosses one only when one side cannot form a grid on its own.</summary>
    public bool IsHard => Kind is BarrierKinds.River or BarrierKinds.Railway;

    /// <summary>Major roads are strong: crossed only when the bounds leave no other way.</summary>
    public bool IsMajor => Kind is BarrierKinds.MajorRoad or BarrierKinds.River or BarrierKinds.Railway;
}

/// <summary>The kinds a barrier may have (contract §1).</summary>
public static class BarrierKinds
{
    public const string MajorRoad = "major_road";
    public const string MinorRoad = "minor_road";
    public const string River = "river";
    public const string Railway = "railway";
    public const string Wall = "wall";

    public static readonly IReadOnlyList<string> All = [MajorRoad, MinorRoad, River, Railway, Wall];

    public static bool IsKnown(string kind) => All.Contains(kind);
}

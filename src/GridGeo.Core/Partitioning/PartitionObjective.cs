namespace GridGeo.Core.Partitioning;

/// <summary>
/// What the local search minimises, per grid and per edge:
/// <list type="bullet">
/// <item>bounds: <see cref="BoundsWeight"/> per household out of bounds (dominates everything else, so repairs come first);</item>
/// <item>compactness: 1 − Polsby–Popper (4πA/P²) of each grid, from cell areas and shared boundary lengths;</item>
/// <item>physical lines: a barrier inside a grid costs its length over the zone's typical grid diameter,
/// times <see cref="SoftLine"/>, <see cref="MajorLine"/> or <see cref="HardLine"/>;</item>
/// <item>neighbours: each cut edge inside a compound costs <see cref="CompoundCut"/>, inside a building <see cref="BuildingCut"/>.</item>
/// </list>
/// </summary>
public sealed record PartitionObjective
{
    public double BoundsWeight { get; init; } = 100;
    public double SoftLine { get; init; } = 0.25;
    public double MajorLine { get; init; } = 2;
    public double HardLine { get; init; } = 6;
    public double CompoundCut { get; init; } = 0.6;
    public double BuildingCut { get; init; } = 3;

    public static readonly PartitionObjective Default = new();

    public double Compactness(double area, double perimeter) =>
        perimeter <= 0 ? 0 : 1 - Math.Min(1, 4 * Math.PI * area / (perimeter * perimeter));

    /// <summary>Cost of an edge lying inside one grid (a barrier the grid straddles).</summary>
    public double Inside(UnitEdge e, double scale) => e.Class switch
    {
        BarrierClass.Soft => SoftLine * e.Length / scale,
        BarrierClass.Major => MajorLine * e.Length / scale,
        BarrierClass.Hard => HardLine * e.Length / scale,
        _ => 0,
    };

    /// <summary>Cost of an edge between two grids (a compound or building cut apart).</summary>
    public double Cut(UnitEdge e) => e.Cohesion switch
    {
        Cohesion.Building => BuildingCut,
        Cohesion.Compound => CompoundCut,
        _ => 0,
    };
}

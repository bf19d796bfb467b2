namespace GridGeo.Core.Partitioning;

/// <summary>
/// What the local search minimises, per grid and per edge:
/// <list type="bullet">
/// <item>bounds: <see cref="BoundsWeight"/> per household out of bounds (dominates everything else, so repairs come first);</item>
/// <item>compactness: <see cref="CompactnessWeight"/> × (1 − Polsby–Popper (4πA/P²)) of each grid, from cell areas and
/// shared boundary lengths;</item>
/// <item>physical lines: a barrier inside a grid costs its length over the zone's typical grid diameter,
/// times <see cref="SoftLine"/>, <see cref="MajorLine"/> or <see cref="HardLine"/>;</item>
/// <item>neighbours: each cut edge inside a compound costs <see cref="CompoundCut"/>, inside a building <see cref="BuildingCut"/>.</item>
/// </list>
/// </summary>
public sealed record PartitionObjective
{
    public double BoundsWeight { get; init; } = 100;

    /// <summary>
    /// Weight of a grid's 1 − Polsby–Popper. At 1 a move that smoothed a grid's outline lost against keeping a minor road
    /// out of the grid, and on real data (winding mountain roads, long zones between major roads) grids kept ragged
    /// outlines: mean Polsby–Popper 0.22 on the Liechtenstein bundle. At 20 a full grid-length minor road inside a grid
    /// weighs as much as 0.0125 of Polsby–Popper; the bounds still dominate: one move changes two grids' terms by at most
    /// 2 × 20, less than one household out of bounds (<see cref="BoundsWeight"/>).
    /// </summary>
    public double CompactnessWeight { get; init; } = 20;
    public double SoftLine { get; init; } = 0.25;
    public double MajorLine { get; init; } = 2;
    public double HardLine { get; init; } = 6;
    public double CompoundCut { get; init; } = 0.6;
    public double BuildingCut { get; init; } = 3;

    public static readonly PartitionObjective Default = new();

    public double Compactness(double area, double perimeter) =>
        perimeter <= 0 ? 0 : CompactnessWeight * (1 - Math.Min(1, 4 * Math.PI * area / (perimeter * perimeter)));

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

namespace GridGeo.Core.Partitioning;

/// <summary>
/// Figures of a partition run. A basic grid is <em>in bounds</em> when it holds Min..Max households;
/// <see cref="InBoundsShare"/> is the in-bounds share of all basic grids (1 when there are none).
/// </summary>
public sealed record PartitionSummary(
    int Communities,
    int Grids,
    int BasicGrids,
    int DedicatedGrids,
    int BasicInBounds,
    long Households,
    int Warnings,
    TimeSpan Elapsed)
{
    public double InBoundsShare => BasicGrids == 0 ? 1 : (double)BasicInBounds / BasicGrids;
}

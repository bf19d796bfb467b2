using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning;

/// <summary>What a partition run returns: the grids of every community, the warnings, and the figures.</summary>
public sealed record PartitionResult(IReadOnlyList<Grid> Grids, IReadOnlyList<PartitionWarning> Warnings, PartitionSummary Summary);

namespace GridGeo.Core.Partitioning;

/// <summary>Progress of a run: communities finished out of the total, and the one that just finished.</summary>
public sealed record PartitionProgress(int CommunitiesDone, int CommunitiesTotal, string? LastCommunityCode);

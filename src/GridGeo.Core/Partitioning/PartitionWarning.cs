namespace GridGeo.Core.Partitioning;

/// <summary>A rule the plan of one community could not meet, with the reason (e.g. a total no set of grids in bounds can hold).</summary>
public sealed record PartitionWarning(string CommunityCode, string Message)
{
    public override string ToString() => $"community {CommunityCode}: {Message}";
}

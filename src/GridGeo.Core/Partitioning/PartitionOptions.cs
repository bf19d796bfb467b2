namespace GridGeo.Core.Partitioning;

/// <summary>
/// Settings of a partition run: the household bounds of a basic grid (<see cref="Min"/>..<see cref="Max"/>),
/// the seed that makes a run reproducible, and how hard the solver works.
/// </summary>
public sealed record PartitionOptions
{
    /// <summary>Fewest households of a basic grid (domain practice: 300).</summary>
    public int Min { get; init; } = 300;

    /// <summary>Most households of a basic grid (domain practice: 500).</summary>
    public int Max { get; init; } = 500;

    /// <summary>Seed of every random choice; equal seeds give equal plans.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Spanning trees tried at each bisection of the construction phase.</summary>
    public int TreesPerSplit { get; init; } = 6;

    /// <summary>Passes of the local search over boundary units.</summary>
    public int LocalSearchPasses { get; init; } = 30;

    /// <summary>Communities partitioned at the same time (default: one per processor).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public PartitionOptions Validate()
    {
        if (Min < 1) throw new ArgumentException($"option Min must be at least 1, not {Min}", nameof(Min));
        if (Max < Min) throw new ArgumentException($"option Max ({Max}) must be at least Min ({Min})", nameof(Max));
        if (TreesPerSplit < 1) throw new ArgumentException($"option TreesPerSplit must be at least 1, not {TreesPerSplit}", nameof(TreesPerSplit));
        if (LocalSearchPasses < 0) throw new ArgumentException($"option LocalSearchPasses must be at least 0, not {LocalSearchPasses}", nameof(LocalSearchPasses));
        if (MaxDegreeOfParallelism < 1)
            throw new ArgumentException($"option MaxDegreeOfParallelism must be at least 1, not {MaxDegreeOfParallelism}", nameof(MaxDegreeOfParallelism));
        return this;
    }
}

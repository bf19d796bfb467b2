using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>What happened to one grid in a rebalance.</summary>
public enum GridChangeKind
{
    /// <summary>Same code, geometry and members as before.</summary>
    Unchanged,

    /// <summary>Same code and geometry; members or household figures changed because buildings were built, demolished or re-counted.</summary>
    Recounted,

    /// <summary>Same code, new geometry and members: households moved in or out.</summary>
    Changed,

    /// <summary>A new grid cut off a grid that was over the maximum and could not shed.</summary>
    Created,

    /// <summary>A grid that was dissolved into its neighbours (under the minimum with no neighbour to give), or lost all its buildings.</summary>
    Retired,
}

/// <summary>One grid before → after: its households in the old plan and in the new one (0 when created or retired).</summary>
public sealed record GridChange(string Code, string CommunityCode, GridChangeKind Kind, int HouseholdsBefore, int HouseholdsAfter, bool Locked);

/// <summary>
/// The figures of a rebalance. <see cref="HouseholdsMoved"/> counts households of buildings (or stair units) that were in
/// one old grid and are now in another grid (new buildings are not moves; demolished ones are simply gone).
/// </summary>
public sealed record RebalanceSummary(
    int Communities,
    int GridsBefore,
    int GridsAfter,
    int Unchanged,
    int Recounted,
    int Changed,
    int Created,
    int Retired,
    long HouseholdsMoved,
    int BasicGrids,
    int BasicInBounds,
    TimeSpan Elapsed);

/// <summary>
/// The rebalanced plan (all grids, codes kept where grids survive), the per-grid changes, the figures and the warnings;
/// <see cref="Choices"/> says, for each community that needed repair, which order of the rules was kept and why.
/// </summary>
public sealed record RebalanceResult(
    IReadOnlyList<Grid> Grids,
    IReadOnlyList<GridChange> Changes,
    RebalanceSummary Summary,
    IReadOnlyList<PartitionWarning> Warnings)
{
    public IReadOnlyList<RebalanceChoice> Choices { get; init; } = [];
}

/// <summary>
/// Which order of the rebalance rules a community kept: <c>neighbours-first</c> (shed to / take from neighbours, then join,
/// split, dissolve or re-cut), <c>recut-first</c> (split, dissolve or re-cut first), <c>merge-first</c> (a grid under the
/// minimum joins a whole neighbour first) or <c>search-first</c> (a simulated annealing from the old grids, then the rules
/// for what it left). Each ends with the same search from its own plan. All are computed where a grid is out of bounds; the one leaving fewest households
/// out of bounds, then moving fewest households, is kept when it passes the plan gate. <see cref="Moved"/> gives the
/// households each order moved, by order name (in the summary JSON an object such as <c>{"neighbours-first": 588}</c>); <see cref="Reason"/> says why the kept one won.
/// </summary>
public sealed record RebalanceChoice(string CommunityCode, string Taken, IReadOnlyDictionary<string, long> Moved, string Reason)
{
    public override string ToString() =>
        $"community {CommunityCode}: {Taken} kept (households moved: {string.Join(", ", Moved.Select(m => $"{m.Key} {m.Value}"))}): {Reason}";

    internal static string Name(RepairOrder order) => order switch
    {
        RepairOrder.NeighboursFirst => "neighbours-first",
        RepairOrder.RecutFirst => "recut-first",
        RepairOrder.MergeFirst => "merge-first",
        _ => "search-first",
    };

    internal static RebalanceChoice Of(string community, RepairOrder taken, IReadOnlyList<(RepairOrder Order, long Moved, long Violation)> runs,
        IReadOnlyList<(RepairOrder Order, string Problems)> failedGate)
    {
        var kept = runs.Single(r => r.Order == taken);
        var others = runs.Where(r => r.Order != taken).ToList();
        var failed = failedGate.Where(x => x.Order != taken).ToList();
        var passed = others.Where(o => failed.All(x => x.Order != o.Order)).ToList();
        var further = passed.Where(o => o.Violation > kept.Violation).ToList();
        var same = passed.Where(o => o.Violation == kept.Violation).ToList();
        var movedMore = same.Where(o => o.Moved > kept.Moved).ToList();
        var tied = same.Where(o => o.Moved == kept.Moved).ToList();
        var reasons = new List<string>();
        if (failed.Count > 0) reasons.Add(string.Join("; ", failed.Select(x => $"{Name(x.Order)} failed the plan gate ({x.Problems})")));
        if (further.Count > 0)
            reasons.Add($"it leaves {kept.Violation} households out of bounds, {string.Join(", ", further.Select(o => $"{Name(o.Order)} {o.Violation}"))}");
        if (movedMore.Count > 0)
            reasons.Add($"fewer households moved ({kept.Moved} < {string.Join(", ", movedMore.Select(o => $"{o.Moved} {Name(o.Order)}"))})");
        if (tied.Count > 0)
            reasons.Add($"as few moved as {string.Join(", ", tied.Select(o => Name(o.Order)))}; the first order tried is kept");
        return new RebalanceChoice(community, Name(taken), runs.ToDictionary(r => Name(r.Order), r => r.Moved),
            string.Join("; ", reasons));
    }
}

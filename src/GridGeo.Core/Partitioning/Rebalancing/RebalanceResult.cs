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
/// Which of the two orders of the rebalance rules a community kept: <c>neighbours-first</c> (shed to / take from
/// neighbours, then split, dissolve or re-cut) or <c>recut-first</c> (split, dissolve or re-cut first). Both are computed
/// where a grid is out of bounds; the one leaving fewer households out of bounds, then moving fewer households, is kept
/// when it passes the plan gate. <see cref="MovedNeighboursFirst"/> and <see cref="MovedRecutFirst"/> are the households
/// each order moved; <see cref="Reason"/> says why the kept one won.
/// </summary>
public sealed record RebalanceChoice(string CommunityCode, string Taken, long MovedNeighboursFirst, long MovedRecutFirst, string Reason)
{
    public override string ToString() =>
        $"community {CommunityCode}: {Taken} kept ({MovedNeighboursFirst} households moved neighbours first, {MovedRecutFirst} re-cutting first): {Reason}";

    internal static string Name(RepairOrder order) => order == RepairOrder.NeighboursFirst ? "neighbours-first" : "recut-first";

    internal static RebalanceChoice Of(string community, RepairOrder taken, IReadOnlyList<(RepairOrder Order, long Moved, long Violation)> runs,
        IReadOnlyList<(RepairOrder Order, string Problems)> failedGate)
    {
        var kept = runs.Single(r => r.Order == taken);
        var other = runs.Single(r => r.Order != taken);
        var reason = failedGate.FirstOrDefault(x => x.Order == other.Order) is { Problems: { } problems }
            ? $"{Name(other.Order)} failed the plan gate ({problems})"
            : kept.Violation < other.Violation
                ? $"it leaves {kept.Violation} households out of bounds, {Name(other.Order)} {other.Violation}"
                : kept.Moved < other.Moved
                    ? $"fewer households moved ({kept.Moved} < {other.Moved})"
                    : $"both moved {kept.Moved} households; neighbours-first is the default";
        var moved = runs.ToDictionary(r => r.Order, r => r.Moved);
        return new RebalanceChoice(community, Name(taken), moved[RepairOrder.NeighboursFirst], moved[RepairOrder.RecutFirst], reason);
    }
}

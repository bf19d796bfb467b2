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

/// <summary>The rebalanced plan (all grids, codes kept where grids survive), the per-grid changes, the figures and the warnings.</summary>
public sealed record RebalanceResult(
    IReadOnlyList<Grid> Grids,
    IReadOnlyList<GridChange> Changes,
    RebalanceSummary Summary,
    IReadOnlyList<PartitionWarning> Warnings);

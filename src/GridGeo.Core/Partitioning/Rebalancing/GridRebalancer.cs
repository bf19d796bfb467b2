using System.Diagnostics;
using GridGeo.Core.Coverage;
using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Batch rebalancing: repairs a current plan after the bundle's households changed (new estates, re-counts, demolition)
/// while moving as few households as possible. The same hard rules as the partition hold (bounds where feasible, one
/// polygon per grid, exact tiling, dedicated grids, barriers, compounds, codes); grids that stay in bounds and untouched
/// keep code, geometry and members exactly; locked grids never change. Communities run in parallel; see
/// <see cref="CommunityRebalancer"/> for the phases. Communities with no grid in the plan are partitioned afresh.
/// </summary>
public static class GridRebalancer
{
    public static RebalanceResult Rebalance(
        DistrictBundle bundle,
        IReadOnlyList<Grid> current,
        IReadOnlySet<string> locked,
        PartitionOptions options,
        IProgress<PartitionProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(current);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var inputs = GridPartitioner.Inputs(bundle);
        var oldOf = current.ToLookup(g => g.CommunityCode);
        var results = new CommunityRebalancer.Outcome[inputs.Count];
        var done = 0;
        Parallel.ForEach(
            Enumerable.Range(0, inputs.Count).OrderByDescending(i => inputs[i].Buildings.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct },
            i =>
            {
                try
                {
                    // Outlines come back on the community's face coverage (FinalAssembly), kept grids fixed in it.
                    results[i] = CommunityRebalancer.Rebalance(inputs[i], oldOf[inputs[i].Community.Code].ToList(), locked, options);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new InvalidOperationException($"rebalancing community {inputs[i].Community.Code} failed: {ex.Message}", ex);
                }
                progress?.Report(new PartitionProgress(Interlocked.Increment(ref done), inputs.Count, inputs[i].Community.Code));
            });

        var known = inputs.Select(i => i.Community.Code).ToHashSet(StringComparer.Ordinal);
        var grids = results.SelectMany(r => r.Grids).ToList();
        var changes = results.SelectMany(r => r.Changes).ToList();
        var warnings = results.SelectMany(r => r.Warnings).ToList();
        // Grids of communities the bundle no longer has are kept as they were.
        foreach (var g in current.Where(g => !known.Contains(g.CommunityCode)))
        {
            grids.Add(g);
            changes.Add(new GridChange(g.Code, g.CommunityCode, GridChangeKind.Unchanged, g.Households, g.Households, locked.Contains(g.Code)));
            warnings.Add(new PartitionWarning(g.CommunityCode, $"grid {g.Code} belongs to a community the bundle does not have; it is kept unchanged"));
        }
        grids.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var basic = grids.Where(g => g.Kind == GridKinds.Basic).ToList();
        var summary = new RebalanceSummary(
            inputs.Count, current.Count, grids.Count,
            changes.Count(x => x.Kind == GridChangeKind.Unchanged),
            changes.Count(x => x.Kind == GridChangeKind.Recounted),
            changes.Count(x => x.Kind == GridChangeKind.Changed),
            changes.Count(x => x.Kind == GridChangeKind.Created),
            changes.Count(x => x.Kind == GridChangeKind.Retired),
            results.Sum(r => r.Moved),
            basic.Count,
            basic.Count(g => g.Households >= options.Min && g.Households <= options.Max),
            clock.Elapsed);
        return new RebalanceResult(grids, changes.OrderBy(x => x.Code, StringComparer.Ordinal).ToList(), summary, warnings)
        {
            Choices = results.Select(r => r.Choice).OfType<RebalanceChoice>().OrderBy(x => x.CommunityCode, StringComparer.Ordinal).ToList(),
        };
    }
}

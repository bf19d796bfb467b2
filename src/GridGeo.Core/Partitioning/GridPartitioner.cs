using System.Diagnostics;
using GridGeo.Core.Coverage;
using GridGeo.Core.Model;
using NetTopologySuite.Index.Strtree;
using Barrier = GridGeo.Core.Model.Barrier;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// The partition engine: cuts every community of a bundle into grids (contract §2) — dedicated grids
/// for dedicated areas and basic grids of Min..Max households that tile the rest exactly, follow roads
/// and rivers, keep compounds and buildings whole where the bounds allow, and are compact. Communities
/// are independent and run in parallel; the plan depends only on the bundle and the options (seed).
/// See <see cref="CommunityPlanner"/> for the phases.
/// </summary>
public static class GridPartitioner
{
    public static PartitionResult Partition(
        DistrictBundle bundle,
        PartitionOptions options,
        IProgress<PartitionProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var inputs = Inputs(bundle);
        var results = new (List<Grid> Grids, List<PartitionWarning> Warnings)[inputs.Count];
        var done = 0;
        // Largest communities first, so that the last one to finish is short.
        var order = Enumerable.Range(0, inputs.Count).OrderByDescending(i => inputs[i].Buildings.Count).ToList();
        Parallel.ForEach(
            order,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct },
            i =>
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    results[i] = CommunityPlanner.PlanOnCoverage(inputs[i], options);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new InvalidOperationException($"partitioning community {inputs[i].Community.Code} failed: {ex.Message}", ex);
                }
                var n = Interlocked.Increment(ref done);
                progress?.Report(new PartitionProgress(n, inputs.Count, inputs[i].Community.Code));
            });

        var grids = results.SelectMany(r => r.Grids).ToList();
        var warnings = results.SelectMany(r => r.Warnings).ToList();
        var outside = bundle.Buildings.Where(b => b.CommunityCode is null).ToList();
        if (outside.Count > 0)
            warnings.Add(new PartitionWarning("", $"{outside.Count} buildings ({outside.Sum(b => b.Households)} households) lie outside every community and are in no grid"));
        var basic = grids.Where(g => g.Kind == GridKinds.Basic).ToList();
        var summary = new PartitionSummary(
            inputs.Count, grids.Count, basic.Count, grids.Count - basic.Count,
            basic.Count(g => g.Households >= options.Min && g.Households <= options.Max),
            grids.Sum(g => (long)g.Households), warnings.Count, clock.Elapsed);
        return new PartitionResult(grids, warnings, summary);
    }

    /// <summary>The per-community inputs of a bundle: each community with its buildings, dedicated areas, nearby barriers and unit households.</summary>
    public static List<CommunityInput> Inputs(DistrictBundle bundle)
    {
        var buildings = bundle.Buildings.Where(b => b.CommunityCode is not null).ToLookup(b => b.CommunityCode!);
        var dedicated = bundle.DedicatedList.Where(d => d.CommunityCode is not null).ToLookup(d => d.CommunityCode!);
        var tree = new STRtree<Barrier>();
        foreach (var b in bundle.BarrierList) tree.Insert(b.Line.EnvelopeInternal, b);
        if (bundle.BarrierList.Count > 0) tree.Build();
        Dictionary<string, SortedDictionary<int, int>>? units = null;
        if (bundle.Households is not null)
        {
            units = [];
            foreach (var h in bundle.Households)
            {
                if (!units.TryGetValue(h.BuildingId, out var byUnit)) units[h.BuildingId] = byUnit = [];
                byUnit[h.Unit] = byUnit.GetValueOrDefault(h.Unit) + 1;
            }
        }
        var compounds = bundle.CompoundList.ToDictionary(k => k.Id);
        return bundle.Communities.Select(c => new CommunityInput(
            c,
            buildings[c.Code].ToList(),
            dedicated[c.Code].ToList(),
            bundle.BarrierList.Count == 0 ? [] : tree.Query(c.Boundary.EnvelopeInternal).Where(b => b.Line.EnvelopeInternal.Intersects(c.Boundary.EnvelopeInternal)).ToList(),
            units,
            buildings[c.Code].Where(b => b.CompoundId is not null).Select(b => b.CompoundId!).Distinct()
                .Where(compounds.ContainsKey).Select(id => compounds[id]).ToList())).ToList();
    }
}

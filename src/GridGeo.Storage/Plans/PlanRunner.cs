using System.Diagnostics;
using Dapper;
using GridGeo.Core;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.Core.Partitioning.Rebalancing;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Plans;

/// <summary>
/// What a partition run covers and how: the communities (named, those of a street, or every stored one),
/// the household bounds, the seed and the liaison unit sizes; <see cref="Kind"/> <c>partition</c> (afresh, the
/// default) or <c>rebalance</c> (repair the current grids of those communities, moving as few households as possible).
/// </summary>
public sealed record PlanRequest(
    IReadOnlyList<string>? Communities = null,
    string? Street = null,
    bool All = false,
    int Min = 300,
    int Max = 500,
    int Seed = 1,
    int LiaisonTarget = 30,
    int LiaisonMin = 20,
    int LiaisonMax = 40,
    string Kind = PlanKinds.Partition);

/// <summary>
/// Runs the partition engine over stored data and stores the result as a draft plan: reads the
/// communities' bundle (<see cref="BundleStore"/>), partitions it (<see cref="GridPartitioner"/>), plans the
/// liaison units of every grid (<see cref="LiaisonUnitPlanner"/>), saves both and completes the draft with
/// its summary. It decides nothing itself: the rules live in GridGeo.Core.
/// </summary>
public sealed class PlanRunner(NpgsqlDataSource dataSource, BundleStore bundles, PlanStore plans)
{
    /// <summary>
    /// Checks <paramref name="request"/> and resolves its communities; a malformed or unknown scope is a
    /// <see cref="BadInputException"/> naming the field.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResolveScopeAsync(PlanRequest request, CancellationToken ct = default)
    {
        Validate(request);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (request.All)
            return (await conn.QueryAsync<string>(new CommandDefinition(PlanRunSql.AllCommunities, cancellationToken: ct))).ToList();
        if (request.Street is not null)
        {
            var codes = (await conn.QueryAsync<string>(new CommandDefinition(PlanRunSql.StreetCommunities, new { street = request.Street }, cancellationToken: ct))).ToList();
            if (codes.Count == 0) throw new BadInputException("street", request.Street, "no community of this street is stored");
            return codes;
        }
        var asked = request.Communities!.Distinct().ToArray();
        var known = (await conn.QueryAsync<string>(new CommandDefinition(PlanRunSql.KnownCommunities, new { codes = asked }, cancellationToken: ct))).ToHashSet();
        var unknown = asked.FirstOrDefault(c => !known.Contains(c));
        if (unknown is not null) throw new BadInputException("communities", unknown, "no community with this code is stored");
        return asked.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Creates the draft of <paramref name="request"/> over <paramref name="communities"/>; returns its id.</summary>
    public Task<long> CreateDraftAsync(PlanRequest request, IReadOnlyList<string> communities, string? createdBy, CancellationToken ct = default) =>
        plans.CreateDraftAsync(request.Kind, new
        {
            communities,
            min = request.Min,
            max = request.Max,
            seed = request.Seed,
            liaison = new { target = request.LiaisonTarget, min = request.LiaisonMin, max = request.LiaisonMax },
        }, createdBy, ct);

    /// <summary>
    /// Computes the draft <paramref name="planId"/>: progress runs 0…0.8 through the communities, then liaison
    /// units and saving. A failure is recorded on the plan (<see cref="PlanStore.FailAsync"/>) and rethrown.
    /// </summary>
    public async Task<PlanRunSummary> RunAsync(long planId, PlanRequest request, IReadOnlyList<string> communities, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var bundle = await bundles.LoadBundleAsync(communities, ct)
                         ?? throw new BadInputException("communities", null, "none of the communities is stored");
            await plans.UpdateProgressAsync(planId, 0.05, ct);
            var options = new PartitionOptions { Min = request.Min, Max = request.Max, Seed = request.Seed };
            var partition = await RunWithProgressAsync(planId, bundle, options, ct);
            await plans.SaveGridsAsync(planId, partition.Grids, ct);
            await plans.UpdateProgressAsync(planId, 0.85, ct);

            var liaisonOptions = new LiaisonOptions { Target = request.LiaisonTarget, Min = request.LiaisonMin, Max = request.LiaisonMax };
            var liaison = LiaisonUnitPlanner.Plan(bundle, partition.Grids, liaisonOptions);
            await plans.SaveLiaisonUnitsAsync(planId, liaison.Units, ct);

            var s = partition.Summary;
            var summary = new PlanRunSummary(
                s.Communities, s.Grids, s.BasicGrids, s.DedicatedGrids, s.BasicInBounds, Math.Round(s.InBoundsShare, 4), s.Households,
                liaison.Units.Count, Math.Round(liaison.Summary.InBoundsShare, 4),
                partition.Warnings.Select(w => w.ToString()!).Concat(liaison.Warnings).ToList(),
                Math.Round(clock.Elapsed.TotalSeconds, 2));
            await plans.CompleteAsync(planId, summary, ct);
            return summary;
        }
        catch (Exception ex)
        {
            await plans.FailAsync(planId, ex.Message, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// A rebalance draft: the communities' current grids repaired by <see cref="GridRebalancer"/> (locked grids kept,
    /// and still locked in the draft), with liaison units; the summary lists every grid's change before → after.
    /// </summary>
    public async Task<RebalanceRunSummary> RebalanceAsync(long planId, PlanRequest request, IReadOnlyList<string> communities, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var bundle = await bundles.LoadBundleAsync(communities, ct)
                         ?? throw new BadInputException("communities", null, "none of the communities is stored");
            await plans.UpdateProgressAsync(planId, 0.05, ct);
            var options = new PartitionOptions { Min = request.Min, Max = request.Max, Seed = request.Seed };
            return await RebalanceAsync(planId, request, communities, bundle, options, clock, ct);
        }
        catch (Exception ex)
        {
            await plans.FailAsync(planId, ex.Message, CancellationToken.None);
            throw;
        }
    }

    private async Task<RebalanceRunSummary> RebalanceAsync(
        long planId, PlanRequest request, IReadOnlyList<string> communities, DistrictBundle bundle, PartitionOptions options, Stopwatch clock, CancellationToken ct)
    {
        var current = new List<StoredGrid>();
        foreach (var community in communities) current.AddRange(await plans.GetCurrentGridsAsync(new GridFilter(Community: community), ct));
        var locked = current.Where(g => g.Locked).Select(g => g.Grid.Code).ToHashSet(StringComparer.Ordinal);
        var result = await Task.Run(() => GridRebalancer.Rebalance(bundle, current.Select(g => g.Grid).ToList(), locked, options, null, ct), ct);
        await plans.UpdateProgressAsync(planId, 0.8, ct);
        var twice = result.Grids.GroupBy(g => g.Code).Where(x => x.Count() > 1).Select(x => x.Key).ToList();
        if (twice.Count > 0)
            throw new InvalidOperationException($"the rebalance gave the code {string.Join(", ", twice)} to more than one grid " +
                $"(grids: {string.Join("; ", result.Grids.Select(g => $"{g.Code} {g.Kind} {g.Households}"))})");
        await plans.SaveGridsAsync(planId, result.Grids, ct);
        await plans.MarkLockedAsync(planId, locked, ct);
        var liaison = LiaisonUnitPlanner.Plan(bundle, result.Grids,
            new LiaisonOptions { Target = request.LiaisonTarget, Min = request.LiaisonMin, Max = request.LiaisonMax });
        await plans.SaveLiaisonUnitsAsync(planId, liaison.Units, ct);
        var s = result.Summary;
        var summary = new RebalanceRunSummary(
            s.Communities, s.GridsBefore, s.GridsAfter, s.Unchanged, s.Recounted, s.Changed, s.Created, s.Retired, s.HouseholdsMoved,
            s.BasicGrids, s.BasicInBounds, liaison.Units.Count,
            result.Changes.Where(c => c.Kind != GridChangeKind.Unchanged)
                .Select(c => new RebalanceRunChange(c.Code, c.Kind.ToString().ToLowerInvariant(), c.HouseholdsBefore, c.HouseholdsAfter, c.Locked)).ToList(),
            result.Warnings.Select(w => w.ToString()!).Concat(liaison.Warnings).ToList(),
            Math.Round(clock.Elapsed.TotalSeconds, 2));
        await plans.CompleteAsync(planId, summary, ct);
        return summary;
    }

    private async Task<PartitionResult> RunWithProgressAsync(long planId, Core.Model.DistrictBundle bundle, PartitionOptions options, CancellationToken ct)
    {
        // The engine reports on its worker threads; the latest figure is written to the plan every half second.
        var latest = 0.05;
        var progress = new SyncProgress(p => Volatile.Write(ref latest, 0.05 + 0.75 * p.CommunitiesDone / Math.Max(1, p.CommunitiesTotal)));
        var run = Task.Run(() => GridPartitioner.Partition(bundle, options, progress, ct), ct);
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(500, ct));
            await plans.UpdateProgressAsync(planId, Volatile.Read(ref latest), ct);
        }
        return await run;
    }

    private static void Validate(PlanRequest r)
    {
        var scopes = (r.All ? 1 : 0) + (r.Street is not null ? 1 : 0) + (r.Communities is { Count: > 0 } ? 1 : 0);
        if (scopes != 1) throw new BadInputException("scope", null, "give exactly one of communities (a list of 12-digit codes), street (a 9-digit code) or all");
        if (r.Street is not null && !AdminCodes.IsStreetCode(r.Street)) throw new BadInputException("street", r.Street, "must be a 9-digit street code");
        var bad = r.Communities?.FirstOrDefault(c => !AdminCodes.IsCommunityCode(c));
        if (bad is not null) throw new BadInputException("communities", bad, "must be a 12-digit community code");
        if (r.Kind is not (PlanKinds.Partition or PlanKinds.Rebalance))
            throw new BadInputException("kind", r.Kind, "must be partition or rebalance");
        if (r.Min < 1) throw new BadInputException("min", r.Min.ToString(), "must be ≥ 1");
        if (r.Max < r.Min) throw new BadInputException("max", r.Max.ToString(), $"must be ≥ min ({r.Min})");
        if (r.LiaisonMin < 1 || r.LiaisonMin > r.LiaisonTarget || r.LiaisonTarget > r.LiaisonMax || r.LiaisonMax > 100)
            throw new BadInputException("liaison", $"{r.LiaisonMin}..{r.LiaisonTarget}..{r.LiaisonMax}", "needs 1 ≤ min ≤ target ≤ max ≤ 100");
    }

    private sealed class SyncProgress(Action<PartitionProgress> report) : IProgress<PartitionProgress>
    {
        public void Report(PartitionProgress value) => report(value);
    }
}

/// <summary>The figures stored as a partition plan's summary.</summary>
public sealed record PlanRunSummary(
    int Communities,
    int Grids,
    int BasicGrids,
    int DedicatedGrids,
    int BasicInBounds,
    double InBoundsShare,
    long Households,
    int LiaisonUnits,
    double LiaisonInBoundsShare,
    IReadOnlyList<string> Warnings,
    double Seconds);

/// <summary>The figures stored as a rebalance plan's summary, with each grid that is not unchanged.</summary>
public sealed record RebalanceRunSummary(
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
    int LiaisonUnits,
    IReadOnlyList<RebalanceRunChange> Changes,
    IReadOnlyList<string> Warnings,
    double Seconds);

/// <summary>One grid of a rebalance: recounted, changed, created or retired, households before → after.</summary>
public sealed record RebalanceRunChange(string Code, string Kind, int HouseholdsBefore, int HouseholdsAfter, bool Locked);

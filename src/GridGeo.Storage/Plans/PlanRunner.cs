using System.Diagnostics;
using Dapper;
using GridGeo.Core;
using GridGeo.Core.Coverage;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.Core.Partitioning.Rebalancing;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Plans;

/// <summary>
/// What a plan run covers and how: the communities (named, those of a street, or every stored one), the
/// household bounds, the seed, the liaison unit sizes, and its <see cref="Mode"/>: <c>partition</c> (from
/// scratch) or <c>rebalance</c> (repair the current grids of those communities, see <see cref="GridRebalancer"/>).
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
    string Mode = PlanKinds.Partition);

/// <summary>
/// Runs the partition engine over stored data and stores the result as a draft plan: reads the
/// communities' bundle (<see cref="BundleStore"/>), partitions it (<see cref="GridPartitioner"/>) or, in
/// rebalance mode, repairs the current grids the draft was created from (<see cref="GridRebalancer"/>; locked
/// grids stay locked and unchanged), plans the liaison units of every grid (<see cref="LiaisonUnitPlanner"/>),
/// saves both and completes the draft with its summary. It decides nothing itself: the rules live in GridGeo.Core.
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

    /// <summary>
    /// Creates the draft of <paramref name="request"/> over <paramref name="communities"/>; returns its id. A rebalance
    /// records the current grids it starts from (id, code, version) as the plan's <c>base</c>; with none it is a
    /// <see cref="BadInputException"/>.
    /// </summary>
    public async Task<long> CreateDraftAsync(PlanRequest request, IReadOnlyList<string> communities, string? createdBy, CancellationToken ct = default) =>
        await CreateDraftAsync(request, communities, createdBy, queue: false, ct);

    /// <summary>As <see cref="CreateDraftAsync(PlanRequest, IReadOnlyList{string}, string?, CancellationToken)"/>, and with <paramref name="queue"/> the run is queued (<see cref="PlanJobStore"/>) in the same transaction.</summary>
    public async Task<long> CreateDraftAsync(PlanRequest request, IReadOnlyList<string> communities, string? createdBy, bool queue, CancellationToken ct = default)
    {
        Task<long> Create(string kind, object parameters) => queue
            ? plans.CreateQueuedDraftAsync(kind, parameters, createdBy, request, communities, ct)
            : plans.CreateDraftAsync(kind, parameters, createdBy, ct);

        var liaison = new { target = request.LiaisonTarget, min = request.LiaisonMin, max = request.LiaisonMax };
        if (request.Mode != PlanKinds.Rebalance)
            return await Create(PlanKinds.Partition, new { communities, min = request.Min, max = request.Max, seed = request.Seed, liaison });
        var current = await plans.GetCurrentGridsAsync(communities, ct);
        if (current.Count == 0)
            throw new BadInputException("mode", PlanKinds.Rebalance, "none of the communities has current grids to rebalance; publish a partition plan first");
        return await Create(PlanKinds.Rebalance, new
        {
            mode = PlanKinds.Rebalance,
            communities,
            min = request.Min,
            max = request.Max,
            seed = request.Seed,
            liaison,
            @base = current.Select(PlanBaseGrid.Of).ToList(),
            locked = current.Where(g => g.Locked).Select(g => g.Grid.Code).ToList(),
        });
    }

    /// <summary>
    /// Computes the draft <paramref name="planId"/>: progress runs 0…0.8 through the communities, then liaison
    /// units and saving. A failure is recorded on the plan (<see cref="PlanStore.FailAsync"/>) and rethrown.
    /// </summary>
    public async Task<PlanRunSummary> RunAsync(long planId, PlanRequest request, IReadOnlyList<string> communities, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            // What the draft is computed from is recorded before it is read: publishing refuses a district changed since.
            await plans.RecordComputedFromAsync(planId, communities, ct);
            var bundle = await bundles.LoadBundleAsync(communities, ct)
                         ?? throw new BadInputException("communities", null, "none of the communities is stored");
            await plans.UpdateProgressAsync(planId, 0.05, ct);
            var options = new PartitionOptions { Min = request.Min, Max = request.Max, Seed = request.Seed };
            var liaisonOptions = new LiaisonOptions { Target = request.LiaisonTarget, Min = request.LiaisonMin, Max = request.LiaisonMax };
            if (request.Mode == PlanKinds.Rebalance) return await RebalanceAsync(planId, bundle, options, liaisonOptions, clock, ct);
            var partition = await RunWithProgressAsync(planId, bundle, options, ct);
            var liaison = await SaveAsync(planId, bundle, partition.Grids, new HashSet<string>(), liaisonOptions, ct);

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
    /// Rebalance mode: the grids recorded as the draft's base (they must still be current at the same version) are
    /// repaired against the stored data; locked ones stay locked. The summary adds the rebalance figures and the
    /// per-grid changes (before → after).
    /// </summary>
    private async Task<PlanRunSummary> RebalanceAsync(long planId, DistrictBundle bundle, PartitionOptions options,
        LiaisonOptions liaisonOptions, Stopwatch clock, CancellationToken ct)
    {
        var based = PlanBase.Of((await plans.GetAsync(planId, ct))!.ParamsJson);
        if (!await plans.IsCurrentAsync(based, ct))
            throw new InvalidOperationException("a grid of the base changed after this rebalance was requested; start a new one");
        var stored = await plans.GetGridsByIdAsync(based.Select(b => b.Id).ToList(), ct);
        var locked = stored.Where(g => g.Locked).Select(g => g.Grid.Code).ToHashSet(StringComparer.Ordinal);
        await plans.UpdateProgressAsync(planId, 0.1, ct);

        var result = await Task.Run(() => GridRebalancer.Rebalance(bundle, stored.Select(g => g.Grid).ToList(), locked, options, null, ct), ct);
        var liaison = await SaveAsync(planId, bundle, result.Grids, locked, liaisonOptions, ct);

        var s = result.Summary;
        var summary = new PlanRunSummary(
            s.Communities, s.GridsAfter, s.BasicGrids, s.GridsAfter - s.BasicGrids, s.BasicInBounds,
            Math.Round(s.BasicGrids == 0 ? 1 : (double)s.BasicInBounds / s.BasicGrids, 4), result.Grids.Sum(g => (long)g.Households),
            liaison.Units.Count, Math.Round(liaison.Summary.InBoundsShare, 4),
            result.Warnings.Select(w => w.ToString()!).Concat(liaison.Warnings).ToList(),
            Math.Round(clock.Elapsed.TotalSeconds, 2))
        {
            Rebalance = new RebalanceFigures(s.HouseholdsMoved, s.GridsBefore, s.GridsAfter, s.Unchanged, s.Recounted, s.Changed, s.Created, s.Retired,
                result.Changes.Where(c => c.Kind != GridChangeKind.Unchanged)
                    .Select(c => new RebalanceGridFigures(c.Code, c.Kind.ToString().ToLowerInvariant(), c.HouseholdsBefore, c.HouseholdsAfter, c.Locked))
                    .ToList())
            {
                Choices = result.Choices,
            },
        };
        await plans.CompleteAsync(planId, summary, ct);
        return summary;
    }

    /// <summary>Saves the draft's grids (the <paramref name="locked"/> ones locked), then plans and saves their liaison units.</summary>
    private async Task<LiaisonPlan> SaveAsync(long planId, DistrictBundle bundle, IReadOnlyList<Grid> grids, IReadOnlySet<string> locked,
        LiaisonOptions liaisonOptions, CancellationToken ct)
    {
        // The plan gate: a draft that breaks a grid rule is never saved; the plan fails naming the grids and rules.
        PlanGate.Check(bundle.Communities, grids, Math.Max(1, Environment.ProcessorCount / 2));
        await plans.SaveGridsAsync(planId, grids, ct);
        if (locked.Count > 0) await plans.LockGridsAsync(planId, locked, ct);
        await plans.UpdateProgressAsync(planId, 0.85, ct);
        var liaison = LiaisonUnitPlanner.Plan(bundle, grids, liaisonOptions);
        LiaisonUnitGate.Check(grids, liaison.Units, Math.Max(1, Environment.ProcessorCount / 2));
        await plans.SaveLiaisonUnitsAsync(planId, liaison.Units, ct);
        return liaison;
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
        if (r.Min < 1) throw new BadInputException("min", r.Min.ToString(), "must be ≥ 1");
        if (r.Max < r.Min) throw new BadInputException("max", r.Max.ToString(), $"must be ≥ min ({r.Min})");
        if (r.Mode is not (PlanKinds.Partition or PlanKinds.Rebalance)) throw new BadInputException("mode", r.Mode, "must be partition or rebalance");
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
    double Seconds)
{
    /// <summary>In rebalance mode: households moved, grids by change and each grid that is not unchanged; null for a partition.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public RebalanceFigures? Rebalance { get; init; }
}

/// <summary>
/// The figures of a rebalance run (<see cref="RebalanceSummary"/>), its grids that changed, before → after, and for each
/// community that needed repair which order of the rules was kept and why (<see cref="RebalanceChoice"/>).
/// </summary>
public sealed record RebalanceFigures(
    long HouseholdsMoved, int GridsBefore, int GridsAfter, int Unchanged, int Recounted, int Changed, int Created, int Retired,
    IReadOnlyList<RebalanceGridFigures> Grids)
{
    public IReadOnlyList<RebalanceChoice> Choices { get; init; } = [];
}

/// <summary>One grid of a rebalance that is not unchanged: its change (recounted, changed, created, retired) and households before → after.</summary>
public sealed record RebalanceGridFigures(string Code, string Change, int HouseholdsBefore, int HouseholdsAfter, bool Locked);

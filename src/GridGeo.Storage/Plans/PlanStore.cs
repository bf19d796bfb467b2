using System.Text.Json;
using Dapper;
using GridGeo.Core.Model;
using GridGeo.Storage.Model;
using GridGeo.Storage.Sql;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GridGeo.Storage.Plans;

/// <summary>
/// Stores plans and their grids and liaison units, publishes a plan, and reads the current grids. Plans, their jobs and
/// audit entries are written through the write model (<see cref="PlanRow"/>); grids and liaison units go in by binary
/// COPY, and publishing's locks and set-based updates are named SQL in the same transaction (<see cref="WriteSession"/>).
/// A grid is <em>current</em> when its plan is published and its <c>valid_to</c> is unset. Reads return
/// null (or an empty list) for "not found"; they never throw for it.
/// </summary>
public sealed class PlanStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates a draft plan of <paramref name="kind"/> (see <see cref="PlanKinds"/>); returns its id.</summary>
    public async Task<long> CreateDraftAsync(string kind, object? parameters = null, string? createdBy = null, CancellationToken ct = default)
    {
        if (!PlanKinds.IsKnown(kind)) throw new ArgumentException($"plan kind must be partition, rebalance or import, not \"{kind}\"", nameof(kind));
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        var plan = Draft(kind, parameters ?? new { }, createdBy);
        write.Db.Plans.Add(plan);
        await write.CommitAsync(ct);
        return plan.Id;
    }

    private static PlanRow Draft(string kind, object parameters, string? createdBy) =>
        new() { Kind = kind, Status = PlanStatuses.Draft, Params = JsonSerializer.Serialize(parameters), CreatedBy = createdBy };

    /// <summary>Creates a draft of <paramref name="kind"/> and queues its run (<see cref="PlanJobStore"/>) in one transaction; returns its id.</summary>
    public async Task<long> CreateQueuedDraftAsync(string kind, object parameters, string? createdBy, PlanRequest request, IReadOnlyList<string> communities,
        CancellationToken ct = default)
    {
        if (!PlanKinds.IsKnown(kind)) throw new ArgumentException($"plan kind must be partition, rebalance or import, not \"{kind}\"", nameof(kind));
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        var plan = Draft(kind, parameters, createdBy);
        write.Db.Plans.Add(plan);
        await write.Db.SaveChangesAsync(ct);
        write.Db.PlanJobs.Add(PlanJobStore.Job(plan.Id, request, communities));
        await write.CommitAsync(ct);
        return plan.Id;
    }

    public async Task<PlanRecord?> GetAsync(long planId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(PlanSql.Get);
        cmd.Parameters.AddWithValue("id", planId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new PlanRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), StoredRows.NullableString(r, 4),
            r.GetFloat(5), StoredRows.NullableString(r, 6), StoredRows.NullableString(r, 7), r.GetFieldValue<DateTimeOffset>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.GetInt32(11));
    }

    /// <summary>Adds <paramref name="grids"/> to the plan with one binary COPY, then their member rows.</summary>
    public async Task SaveGridsAsync(long planId, IEnumerable<Grid> grids, CancellationToken ct = default)
    {
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        await CopyGridsAsync(write.Connection, write.Transaction, planId, grids, ct);
        await write.CommitAsync(ct);
    }

    private static async Task CopyGridsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long planId, IEnumerable<Grid> grids, CancellationToken ct)
    {
        await using (var copy = await conn.BeginBinaryImportAsync(PlanSql.CopyGrids, ct))
        {
            foreach (var g in grids)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(planId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(g.Code, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(g.CommunityCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(g.Kind, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, g.DedicatedKind, ct);
                await copy.WriteAsync(StoredGeometry.InWgs84(g.Boundary), NpgsqlDbType.Geometry, ct);
                await copy.WriteAsync(g.Households, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(g.Buildings.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.InsertMembers, new { plan_id = planId }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Stores a whole draft in one transaction — the plan, what it was computed from (<paramref name="computedFrom"/>, taken
    /// before its data was read), its grids and its summary — so that a failure or a crash leaves nothing half-written.
    /// </summary>
    public async Task<long> CreateCompletedDraftAsync(string kind, object parameters, string createdBy, ComputedFrom computedFrom,
        IReadOnlyList<Grid> grids, object summary, CancellationToken ct = default)
    {
        if (!PlanKinds.IsKnown(kind)) throw new ArgumentException($"plan kind must be partition, rebalance or import, not \"{kind}\"", nameof(kind));
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        var plan = Draft(kind, parameters, createdBy);
        plan.District = computedFrom.DistrictJson;
        plan.Replaces = computedFrom.ReplacesJson;
        plan.Summary = JsonSerializer.Serialize(summary);
        plan.Progress = 1;
        write.Db.Plans.Add(plan);
        await write.Db.SaveChangesAsync(ct);
        // Completed on the database's clock, like CompleteAsync and created_at (now(): the same instant as created_at here).
        await write.Db.Plans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.CompletedAt, p => DateTimeOffset.UtcNow), ct);
        await CopyGridsAsync(write.Connection, write.Transaction, plan.Id, grids, ct);
        await write.CommitAsync(ct);
        return plan.Id;
    }

    /// <summary>Adds <paramref name="units"/> to the plan with one binary COPY.</summary>
    public async Task SaveLiaisonUnitsAsync(long planId, IEnumerable<LiaisonUnit> units, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await CopyLiaisonUnitsAsync(conn, planId, units, ct);
    }

    /// <summary>Adds <paramref name="units"/> to the plan with one binary COPY on <paramref name="conn"/> (in its transaction, if any).</summary>
    internal static async Task CopyLiaisonUnitsAsync(NpgsqlConnection conn, long planId, IEnumerable<LiaisonUnit> units, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(PlanSql.CopyLiaisonUnits, ct);
        foreach (var u in units)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(planId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(u.Code, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(u.GridCode, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(u.Households, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(u.Members.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            if (u.Boundary is null) await copy.WriteNullAsync(ct);
            else await copy.WriteAsync(StoredGeometry.InWgs84(u.Boundary), NpgsqlDbType.Geometry, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Records how far a draft's computation is (0…1); ignored once the plan is no longer a draft.</summary>
    public async Task UpdateProgressAsync(long planId, double progress, CancellationToken ct = default)
    {
        var value = (float)Math.Clamp(progress, 0, 1);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var db = GridGeoDbContext.On(conn);
        await Drafts(db, planId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Progress, value), ct);
    }

    /// <summary>Marks a draft's computation finished with <paramref name="summary"/> (serialised to JSON).</summary>
    public async Task CompleteAsync(long planId, object summary, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(summary);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var db = GridGeoDbContext.On(conn);
        await Drafts(db, planId).ExecuteUpdateAsync(set => set
            .SetProperty(p => p.Summary, json).SetProperty(p => p.Progress, 1f).SetProperty(p => p.Error, (string?)null)
            .SetProperty(p => p.CompletedAt, p => DateTimeOffset.UtcNow), ct);
    }

    /// <summary>Records why a draft's computation failed; the plan stays an incomplete draft.</summary>
    public async Task FailAsync(long planId, string error, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var db = GridGeoDbContext.On(conn);
        await FailDraftAsync(db, planId, error, ct);
    }

    /// <summary>Records <paramref name="error"/> on plan <paramref name="planId"/> while it is a draft, in <paramref name="db"/>'s transaction.</summary>
    internal static Task FailDraftAsync(GridGeoDbContext db, long planId, string error, CancellationToken ct) =>
        Drafts(db, planId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Error, error), ct);

    /// <summary>Plan <paramref name="planId"/> while it is a draft: its progress, outcome and error are written only then.</summary>
    private static IQueryable<PlanRow> Drafts(GridGeoDbContext db, long planId) =>
        db.Plans.Where(p => p.Id == planId && p.Status == PlanStatuses.Draft);

    /// <summary>Whether every grid of <paramref name="based"/> is still current at its recorded version (true when empty).</summary>
    public async Task<bool> IsCurrentAsync(IReadOnlyList<PlanBaseGrid> based, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await IsCurrentAsync(conn, null, based, ct);
    }

    private static async Task<bool> IsCurrentAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<PlanBaseGrid> based, CancellationToken ct)
    {
        if (based.Count == 0) return true;
        var current = await conn.ExecuteScalarAsync<int>(new CommandDefinition(PlanSql.StillCurrent,
            new { ids = based.Select(b => b.Id).ToArray(), versions = based.Select(b => b.Version).ToArray() }, tx, cancellationToken: ct));
        return current == based.Count;
    }

    /// <summary>
    /// Records what the draft <paramref name="planId"/> is computed from, before its data is read: per community, digests of
    /// the stored boundary, buildings and households, and the current grids (id, code, version). Publishing compares both
    /// with the district as it is then (<see cref="PublishAsync"/>).
    /// </summary>
    public async Task RecordComputedFromAsync(long planId, IReadOnlyList<string> communities, CancellationToken ct = default)
    {
        var from = await ComputedFromAsync(communities, ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var db = GridGeoDbContext.On(conn);
        await Drafts(db, planId).ExecuteUpdateAsync(set => set.SetProperty(p => p.District, from.DistrictJson).SetProperty(p => p.Replaces, from.ReplacesJson), ct);
    }

    /// <summary>The district and current grids of <paramref name="communities"/> as they are now, to record with a draft computed from them.</summary>
    public async Task<ComputedFrom> ComputedFromAsync(IReadOnlyList<string> communities, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var digests = await DigestsAsync(conn, null, communities, ct);
        var grids = await CurrentVersionsAsync(conn, null, communities, ct);
        return new ComputedFrom(JsonSerializer.Serialize(digests), JsonSerializer.Serialize(grids));
    }

    private static async Task<List<CommunityDigest>> DigestsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<string> communities, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(string Code, string? Boundary, string Buildings, int BuildingCount, string Households, int HouseholdCount)>(
            new CommandDefinition(PlanSql.DistrictDigests, new { codes = communities.Distinct().ToArray() }, tx, cancellationToken: ct, commandTimeout: 600));
        return rows.Select(r => new CommunityDigest(r.Code, r.Boundary, r.Buildings, r.BuildingCount, r.Households, r.HouseholdCount)).ToList();
    }

    private static async Task<List<PlanBaseGrid>> CurrentVersionsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<string> communities, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(long Id, string Code, int Version)>(
            new CommandDefinition(PlanSql.CurrentGridVersions, new { communities = communities.ToArray() }, tx, cancellationToken: ct));
        return rows.Select(r => new PlanBaseGrid(r.Id, r.Code, r.Version)).ToList();
    }

    /// <summary>
    /// Makes a completed draft current, in one transaction: the current grids of the plan's communities are locked (in the
    /// order edits lock them, so an edit and a publish serialise) and the communities share-locked against an import; then
    /// the draft is checked against the district as it is now — the current grids it replaces must be those it was computed
    /// from at the same versions (else <see cref="PublishOutcome.GridsChanged"/>), and the stored boundaries, buildings and
    /// households must be those it was computed from (else <see cref="PublishOutcome.DistrictChanged"/>), each naming what
    /// changed; nothing is written then. Otherwise the current grids of other published plans in the communities end now
    /// (<c>valid_to</c>), a published plan left with no current grid is retired, this plan's grids start now and the plan
    /// is published. The change is written to the audit log. A draft made before migration 0010 (nothing recorded) is
    /// checked only against its rebalance base.
    /// </summary>
    public async Task<PublishResult> PublishAsync(long planId, string who = "system", CancellationToken ct = default)
    {
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        var (conn, tx) = (write.Connection, write.Transaction);
        var state = await conn.QuerySingleOrDefaultAsync<(string Status, bool Complete)?>(
            new CommandDefinition(PlanSql.LockPlan, new { id = planId }, tx, cancellationToken: ct));
        if (state is null) return new PublishResult(PublishOutcome.NotFound, []);
        if (state.Value.Status != PlanStatuses.Draft) return new PublishResult(PublishOutcome.NotDraft, []);
        if (!state.Value.Complete) return new PublishResult(PublishOutcome.NotComplete, []);

        var communities = (await conn.QueryAsync<string>(new CommandDefinition(PlanSql.PlanCommunities, new { id = planId }, tx, cancellationToken: ct))).ToArray();
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.LockCurrentGridsOfCommunities, new { communities }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.ShareLockCommunities, new { communities }, tx, cancellationToken: ct));

        // A plan computed from current grids (a rebalance) must not overwrite an edit made to them since: no lost update.
        var based = PlanBase.Of((await GetAsync(planId, ct))!.ParamsJson);
        if (!await IsCurrentAsync(conn, tx, based, ct)) return new PublishResult(PublishOutcome.BaseChanged, []);
        var (districtJson, replacesJson) = await conn.QuerySingleAsync<(string?, string?)>(
            new CommandDefinition(PlanSql.ComputedFrom, new { id = planId }, tx, cancellationToken: ct));
        if (replacesJson is not null)
        {
            var then = JsonSerializer.Deserialize<List<PlanBaseGrid>>(replacesJson)!;
            var changes = GridChanges(then, await CurrentVersionsAsync(conn, tx, communities, ct));
            if (changes.Count > 0) return new PublishResult(PublishOutcome.GridsChanged, [], changes);
        }
        if (districtJson is not null)
        {
            var then = JsonSerializer.Deserialize<List<CommunityDigest>>(districtJson)!.ToDictionary(d => d.Code);
            var now = await DigestsAsync(conn, tx, communities, ct);
            var changes = now.SelectMany(d => then.TryGetValue(d.Code, out var was) ? d.ChangesSince(was) : [$"community {d.Code} was not part of the district the plan was computed from"]).ToList();
            if (changes.Count > 0) return new PublishResult(PublishOutcome.DistrictChanged, [], changes);
        }

        // The people serving the grids being replaced follow their households into the plan's grids.
        await Staffing.StaffHandoverWriter.ApplyOnPublishAsync(write, planId, who, ct);
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.EndReplacedGrids, new { id = planId }, tx, cancellationToken: ct));
        var retired = (await conn.QueryAsync<long>(new CommandDefinition(PlanSql.RetireEmptiedPlans, new { id = planId }, tx, cancellationToken: ct))).ToList();
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.StartGrids, new { id = planId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.MarkPublished, new { id = planId }, tx, cancellationToken: ct));
        write.Db.AuditLog.Add(new AuditEntry
        {
            Who = who,
            Action = "publish",
            Entity = $"plan/{planId}",
            Before = JsonSerializer.Serialize(new { status = PlanStatuses.Draft }),
            After = JsonSerializer.Serialize(new { status = PlanStatuses.Published, retired }),
        });
        await write.CommitAsync(ct);
        return new PublishResult(PublishOutcome.Published, retired);
    }

    private static List<string> GridChanges(IReadOnlyList<PlanBaseGrid> then, IReadOnlyList<PlanBaseGrid> now)
    {
        var before = then.ToDictionary(g => g.Id);
        var after = now.ToDictionary(g => g.Id);
        var changes = new List<string>();
        foreach (var g in then.OrderBy(g => g.Code, StringComparer.Ordinal))
        {
            if (!after.TryGetValue(g.Id, out var n)) changes.Add($"grid {g.Code} (version {g.Version}) is no longer current");
            else if (n.Version != g.Version) changes.Add($"grid {g.Code} was edited (version {g.Version} → {n.Version})");
        }
        foreach (var g in now.Where(g => !before.ContainsKey(g.Id)).OrderBy(g => g.Code, StringComparer.Ordinal))
            changes.Add($"grid {g.Code} became current");
        return changes;
    }

    /// <summary>The current grids matching <paramref name="filter"/>, ordered by code.</summary>
    public async Task<IReadOnlyList<StoredGrid>> GetCurrentGridsAsync(GridFilter filter, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(PlanSql.CurrentGrids);
        var box = filter.Box;
        cmd.Parameters.AddWithValue("has_box", box is not null);
        cmd.Parameters.AddWithValue("minx", box?.MinX ?? 0);
        cmd.Parameters.AddWithValue("miny", box?.MinY ?? 0);
        cmd.Parameters.AddWithValue("maxx", box?.MaxX ?? 0);
        cmd.Parameters.AddWithValue("maxy", box?.MaxY ?? 0);
        cmd.Parameters.Add(new NpgsqlParameter("community", NpgsqlDbType.Text) { Value = (object?)filter.Community ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = (object?)filter.Kind ?? DBNull.Value });
        return await ReadGridsAsync(cmd, ct);
    }

    /// <summary>Every grid of one plan (any status), ordered by code.</summary>
    public async Task<IReadOnlyList<StoredGrid>> GetPlanGridsAsync(long planId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(PlanSql.PlanGrids);
        cmd.Parameters.AddWithValue("plan_id", planId);
        return await ReadGridsAsync(cmd, ct);
    }

    /// <summary>The current grids of <paramref name="communities"/>, ordered by code.</summary>
    public async Task<IReadOnlyList<StoredGrid>> GetCurrentGridsAsync(IReadOnlyList<string> communities, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(PlanSql.CurrentGridsOfCommunities);
        cmd.Parameters.AddWithValue("communities", communities.ToArray());
        return await ReadGridsAsync(cmd, ct);
    }

    /// <summary>The grid rows with the ids <paramref name="ids"/> (any plan, current or ended), ordered by code.</summary>
    public async Task<IReadOnlyList<StoredGrid>> GetGridsByIdAsync(IReadOnlyList<long> ids, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(PlanSql.GridsById);
        cmd.Parameters.AddWithValue("ids", ids.ToArray());
        return await ReadGridsAsync(cmd, ct);
    }

    /// <summary>Marks the grids <paramref name="codes"/> of plan <paramref name="planId"/> locked.</summary>
    public async Task LockGridsAsync(long planId, IEnumerable<string> codes, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.LockGrids, new { plan_id = planId, codes = codes.ToArray() }, cancellationToken: ct));
    }

    /// <summary>Households of each member name (<c>id</c> or <c>id#unit</c>) of the grid rows <paramref name="gridIds"/>.</summary>
    public async Task<IReadOnlyDictionary<string, int>> MemberHouseholdsAsync(IReadOnlyList<long> gridIds, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Name, int Households)>(
            new CommandDefinition(PlanSql.MemberHouseholds, new { ids = gridIds.ToArray() }, cancellationToken: ct));
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, households) in rows) result[name] = result.GetValueOrDefault(name) + households;
        return result;
    }

    /// <summary>The current grid with code <paramref name="code"/>, its chain and neighbours; null when no current grid has that code.</summary>
    public async Task<GridDetails?> GetGridAsync(string code, CancellationToken ct = default)
    {
        StoredGrid? grid;
        await using (var cmd = dataSource.CreateCommand(PlanSql.CurrentGrid))
        {
            cmd.Parameters.AddWithValue("code", code);
            grid = (await ReadGridsAsync(cmd, ct)).FirstOrDefault();
        }
        if (grid is null) return null;

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var neighbours = (await conn.QueryAsync<(string Code, string Kind, int Households, double SharedM)>(
                new CommandDefinition(PlanSql.Neighbours, new { id = grid.Id }, cancellationToken: ct)))
            .Select(n => new GridNeighbour(n.Code, n.Kind, n.Households, Math.Round(n.SharedM, 1)))
            .ToList();
        await using var ctx = new NpgsqlCommand(PlanSql.GridContext, conn);
        ctx.Parameters.AddWithValue("id", grid.Id);
        await using var r = await ctx.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new GridDetails(grid, StoredRows.NullableString(r, 0), StoredRows.NullableString(r, 1), StoredRows.NullableString(r, 2),
            StoredRows.NullableString(r, 3), StoredRows.NullableString(r, 4), r.GetInt32(5), neighbours);
    }

    internal static async Task<IReadOnlyList<StoredGrid>> ReadGridsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<StoredGrid>();
        while (await r.ReadAsync(ct))
        {
            var grid = new Grid(r.GetString(2), r.GetString(3), r.GetString(4), StoredRows.NullableString(r, 5), r.GetInt32(6),
                r.GetFieldValue<string[]>(7), r.GetFieldValue<NetTopologySuite.Geometries.Geometry>(8));
            result.Add(new StoredGrid(r.GetInt64(0), r.GetInt64(1), grid, r.GetBoolean(9), r.GetInt32(10),
                r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12)));
        }
        return result;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}

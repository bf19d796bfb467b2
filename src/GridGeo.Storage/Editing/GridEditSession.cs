using System.Text.Json.Nodes;
using Dapper;
using GridGeo.Core.Coverage;
using GridGeo.Core.Editing;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Model;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Sql;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Storage.Editing;

/// <summary>
/// One edit in progress over a community: a <see cref="WriteSession"/> with the community's current grids locked
/// (<c>FOR UPDATE</c>, in code order, the order publishing locks them) and tracked by the write model, the
/// <see cref="Scope"/> the Core editors work on, and the stored rows (for ETags). <see cref="CommitAsync"/> writes an
/// outcome through the model — each changed row saved only at the version it was read at (<see cref="GridRow.Version"/>)
/// — with the members, the liaison units of the grids it touched (planned anew, so that no unit spans two grids), the
/// staffing handover and its audit entry; disposing without committing rolls everything back.
/// </summary>
public sealed class GridEditSession : IAsyncDisposable
{
    private readonly WriteSession _write;
    private readonly BundleStore _bundles;
    private readonly IReadOnlyDictionary<string, GridRow> _rows;
    private readonly DateTimeOffset _now;

    private GridEditSession(WriteSession write, BundleStore bundles, GridEditScope scope, IReadOnlyList<GridRow> rows, DateTimeOffset now)
    {
        _write = write;
        _bundles = bundles;
        _now = now;
        Scope = scope;
        _rows = rows.ToDictionary(r => r.Code);
        Stored = rows.ToDictionary(r => r.Code, r => new StoredGrid(r.Id, r.PlanId, GridOf(r), r.Locked, r.Version, r.ValidFrom, null));
    }

    public GridEditScope Scope { get; }

    /// <summary>The community's current grids as stored, by code.</summary>
    public IReadOnlyDictionary<string, StoredGrid> Stored { get; }

    private static Grid GridOf(GridRow r) => new(r.Code, r.CommunityCode, r.Kind, r.DedicatedKind, r.Households, r.Buildings, r.Boundary);

    internal static async Task<GridEditSession?> LoadAsync(WriteSession write, BundleStore bundles, string community, CancellationToken ct)
    {
        var (conn, tx) = (write.Connection, write.Transaction);
        var rows = await write.Db.Grids.FromSqlRaw(EditSql.LockCommunityGrids, new NpgsqlParameter("community", community)).ToListAsync(ct);
        if (rows.Count == 0) return null;

        var members = new Dictionary<long, Dictionary<string, (int Households, Point? Location)>>();
        await using (var cmd = new NpgsqlCommand(EditSql.Members, conn, tx))
        {
            cmd.Parameters.AddWithValue("ids", rows.Select(s => s.Id).ToArray());
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var name = r.IsDBNull(2) ? r.GetString(1) : $"{r.GetString(1)}#{r.GetInt32(2)}";
                if (!members.TryGetValue(id, out var byName)) members[id] = byName = [];
                byName[name] = (r.GetInt32(3), r.IsDBNull(4) ? null : r.GetFieldValue<Point>(4));
            }
        }
        var editable = rows.Select(s =>
        {
            var byName = members.GetValueOrDefault(s.Id) ?? [];
            var list = s.Buildings.Select(n => byName.TryGetValue(n, out var m) ? new GridMember(n, m.Households, m.Location) : new GridMember(n, 0, null)).ToList();
            return new EditableGrid(GridOf(s), s.Locked, list);
        }).ToList();

        var (boundary, now) = await conn.QuerySingleAsync<(Geometry?, DateTimeOffset)>(
            new CommandDefinition(EditSql.CommunityBoundaryAndNow, new { community }, tx, cancellationToken: ct));
        // A plan outlives a re-import of its district: without the stored community, its grids' union stands for it.
        var communityShape = boundary ?? GridOverlay.Union(rows.Select(s => s.Boundary));
        var next = await conn.ExecuteScalarAsync<int>(new CommandDefinition(EditSql.NextSequence, new { community }, tx, cancellationToken: ct));
        var scope = new GridEditScope(community, communityShape, editable, next);
        return new GridEditSession(write, bundles, scope, rows, now);
    }

    /// <summary>
    /// Writes <paramref name="outcome"/>: changed grids get their new content and version + 1, created grids are inserted
    /// into the plan of the community's current grids (or, when the plan holds an ended grid of that code, it is made
    /// current again), removed grids end now; members are rewritten; one audit entry records every state before and after.
    /// </summary>
    public async Task<EditReceipt> CommitAsync(GridEditOutcome outcome, string who, CancellationToken ct = default)
    {
        var db = _write.Db;
        var before = new JsonArray();
        var planId = Stored.Values.First().PlanId;
        var saved = new List<(EditableGrid Grid, GridRow Row)>();
        // Liaison units follow a grid's outline and members: a grid only locked or unlocked keeps its units as they are.
        var reshaped = new List<EditableGrid>();
        foreach (var g in outcome.Changed)
        {
            var row = _rows[g.Code];
            var was = Scope.Get(g.Code);
            before.Add(GridStateJson.State(row.Id, row.Version, was));
            if (!was.SameContent(g)) reshaped.Add(g);
            Write(row, g);
            row.Version++;
            saved.Add((g, row));
        }
        foreach (var g in outcome.Created)
        {
            var row = await db.Grids.SingleOrDefaultAsync(r => r.PlanId == planId && r.Code == g.Code && r.ValidTo != null, ct);
            if (row is not null)
            {
                Write(row, g);
                row.ValidTo = null;
                row.Version++;
            }
            else
            {
                row = new GridRow { PlanId = planId, Code = g.Code, CommunityCode = g.Grid.CommunityCode, Kind = g.Grid.Kind, DedicatedKind = g.Grid.DedicatedKind, ValidFrom = _now, Version = 1 };
                Write(row, g);
                db.Grids.Add(row);
            }
            saved.Add((g, row));
        }
        foreach (var code in outcome.Removed)
        {
            var row = _rows[code];
            before.Add(GridStateJson.State(row.Id, row.Version, Scope.Get(code)));
            row.ValidTo = _now;
            row.Version++;
        }
        await db.SaveChangesAsync(ct);

        var after = new JsonArray();
        var result = new List<EditedGrid>();
        foreach (var (g, row) in saved)
        {
            await WriteMembersAsync(row.Id, g, ct);
            after.Add(GridStateJson.State(row.Id, row.Version, g));
            result.Add(new EditedGrid(g.Code, row.Id, row.Version, false));
        }
        foreach (var code in outcome.Removed)
        {
            var row = _rows[code];
            after.Add(GridStateJson.Removed(row.Id, row.Version, code));
            result.Add(new EditedGrid(code, row.Id, row.Version, true));
        }
        var codes = outcome.Touched.Distinct().ToArray();
        var staffing = await Staffing.StaffHandoverWriter.BeforeEditAsync(_write, planId, Scope, outcome, ct);
        reshaped.AddRange(outcome.Created);
        var replanned = reshaped.Select(g => g.Code).Concat(outcome.Removed).Distinct().ToArray();
        if (replanned.Length > 0) await ReplanLiaisonUnitsAsync(planId, replanned, reshaped, ct);
        await staffing.CompleteAsync(who, ct);
        var audit = new AuditEntry
        {
            Who = who,
            Action = outcome.Action,
            Entity = $"grid/{codes[0]}",
            Before = new JsonObject { ["grids"] = before }.ToJsonString(),
            After = new JsonObject { ["grids"] = after }.ToJsonString(),
            Grids = codes,
        };
        db.AuditLog.Add(audit);
        await _write.CommitAsync(ct);
        return new EditReceipt(result, audit.Id, audit.At);
    }

    /// <summary>Gives <paramref name="row"/> the content of <paramref name="g"/> (the caller sets its version).</summary>
    private static void Write(GridRow row, EditableGrid g)
    {
        row.Boundary = StoredGeometry.InWgs84(g.Grid.Boundary);
        row.Households = g.Grid.Households;
        row.Buildings = g.Members.Select(m => m.Name).ToArray();
        row.Locked = g.Locked;
    }

    /// <summary>
    /// The liaison units of the touched grids <paramref name="codes"/> are replaced by units planned for the grids as they
    /// are now (<see cref="LiaisonUnitPlanner"/>, with the sizes stored in the plan's params), from the households of the
    /// buildings those grids list.
    /// </summary>
    private async Task ReplanLiaisonUnitsAsync(long planId, string[] codes, IReadOnlyList<EditableGrid> grids, CancellationToken ct)
    {
        var (conn, tx) = (_write.Connection, _write.Transaction);
        await conn.ExecuteAsync(new CommandDefinition(EditSql.DeleteLiaisonUnits, new { plan_id = planId, codes }, tx, cancellationToken: ct));
        var live = grids.Where(g => g.Grid.Households > 0).Select(g => g.Grid with { Buildings = g.Members.Select(m => m.Name).ToList() }).ToList();
        if (live.Count == 0) return;
        var bundle = await _bundles.LoadBundleAsync([Scope.CommunityCode], ct);
        if (bundle is null) return;
        var listed = live.SelectMany(g => g.Buildings).Select(m => m.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        bundle = bundle with
        {
            Buildings = bundle.Buildings.Where(b => listed.Contains(b.Id)).ToList(),
            Households = bundle.Households?.Where(h => listed.Contains(h.BuildingId)).ToList(),
        };
        var sizes = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(EditSql.PlanLiaisonSizes, new { plan_id = planId }, tx, cancellationToken: ct));
        var options = LiaisonOptions.Default;
        if (sizes is not null && JsonNode.Parse(sizes) is JsonObject o)
            options = options with
            {
                Target = o["target"]?.GetValue<int>() ?? options.Target,
                Min = o["min"]?.GetValue<int>() ?? options.Min,
                Max = o["max"]?.GetValue<int>() ?? options.Max,
            };
        var units = LiaisonUnitPlanner.Plan(bundle, live, options).Units;
        var problems = LiaisonUnitGate.Validate(live, units);
        if (problems.Count > 0)
            throw new GridEditException(EditRules.Tiling, problems[0].CommunityCode,
                $"the liaison units of the edited grids would not tile them: {GridCoverageValidator.Describe(problems, 5)}");
        await PlanStore.CopyLiaisonUnitsAsync(conn, planId, units, ct);
    }

    private async Task WriteMembersAsync(long id, EditableGrid g, CancellationToken ct)
    {
        var (conn, tx) = (_write.Connection, _write.Transaction);
        await conn.ExecuteAsync(new CommandDefinition(EditSql.DeleteMembers, new { id }, tx, cancellationToken: ct));
        if (g.Members.Count == 0) return;
        await conn.ExecuteAsync(new CommandDefinition(EditSql.InsertMembers, new
        {
            id,
            names = g.Members.Select(m => m.Name).ToArray(),
            households = g.Members.Select(m => m.Households).ToArray(),
        }, tx, cancellationToken: ct));
    }

    public ValueTask DisposeAsync() => _write.DisposeAsync();
}

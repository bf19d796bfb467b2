using System.Text.Json.Nodes;
using Dapper;
using GridGeo.Core.Coverage;
using GridGeo.Core.Editing;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Sql;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Storage.Editing;

/// <summary>
/// One edit in progress over a community: a transaction with the community's current grids locked, the
/// <see cref="Scope"/> the Core editors work on, and the stored rows (for ETags). <see cref="CommitAsync"/> writes
/// an outcome, the liaison units of the grids it touched (planned anew, so that no unit spans two grids) and its
/// audit entry; disposing without committing rolls everything back.
/// </summary>
public sealed class GridEditSession : IAsyncDisposable
{
    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlTransaction _tx;
    private readonly BundleStore _bundles;

    private GridEditSession(NpgsqlConnection conn, NpgsqlTransaction tx, BundleStore bundles, GridEditScope scope, IReadOnlyDictionary<string, StoredGrid> stored)
    {
        _conn = conn;
        _tx = tx;
        _bundles = bundles;
        Scope = scope;
        Stored = stored;
    }

    public GridEditScope Scope { get; }

    /// <summary>The community's current grids as stored, by code.</summary>
    public IReadOnlyDictionary<string, StoredGrid> Stored { get; }

    internal static async Task<GridEditSession?> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, BundleStore bundles, string community, CancellationToken ct)
    {
        var stored = new List<StoredGrid>();
        await using (var cmd = new NpgsqlCommand(EditSql.LockCommunityGrids, conn, tx))
        {
            cmd.Parameters.AddWithValue("community", community);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var grid = new Grid(r.GetString(2), r.GetString(3), r.GetString(4), StoredRows.NullableString(r, 5), r.GetInt32(6),
                    r.GetFieldValue<string[]>(7), Ewkb.Read((byte[])r[8]));
                stored.Add(new StoredGrid(r.GetInt64(0), r.GetInt64(1), grid, r.GetBoolean(9), r.GetInt32(10),
                    r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), null));
            }
        }
        if (stored.Count == 0) return null;

        var members = new Dictionary<long, Dictionary<string, (int Households, Point? Location)>>();
        await using (var cmd = new NpgsqlCommand(EditSql.Members, conn, tx))
        {
            cmd.Parameters.AddWithValue("ids", stored.Select(s => s.Id).ToArray());
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var name = r.IsDBNull(2) ? r.GetString(1) : $"{r.GetString(1)}#{r.GetInt32(2)}";
                if (!members.TryGetValue(id, out var byName)) members[id] = byName = [];
                byName[name] = (r.GetInt32(3), r.IsDBNull(4) ? null : (Point)Ewkb.Read((byte[])r[4]));
            }
        }
        var editable = stored.Select(s =>
        {
            var byName = members.GetValueOrDefault(s.Id) ?? [];
            var list = s.Grid.Buildings.Select(n => byName.TryGetValue(n, out var m) ? new GridMember(n, m.Households, m.Location) : new GridMember(n, 0, null)).ToList();
            return new EditableGrid(s.Grid, s.Locked, list);
        }).ToList();

        var boundary = await conn.ExecuteScalarAsync<byte[]?>(new CommandDefinition(EditSql.CommunityBoundary, new { community }, tx, cancellationToken: ct));
        // A plan outlives a re-import of its district: without the stored community, its grids' union stands for it.
        var communityShape = boundary is not null ? Ewkb.Read(boundary)
            : GridOverlay.Union(stored.Select(s => s.Grid.Boundary));
        var next = await conn.ExecuteScalarAsync<int>(new CommandDefinition(EditSql.NextSequence, new { community }, tx, cancellationToken: ct));
        var scope = new GridEditScope(community, communityShape, editable, next);
        return new GridEditSession(conn, tx, bundles, scope, stored.ToDictionary(s => s.Grid.Code));
    }

    /// <summary>
    /// Writes <paramref name="outcome"/>: changed grids get their new content and version + 1, created grids are inserted
    /// into the plan of the community's current grids (or, when the plan holds an ended grid of that code, it is made
    /// current again), removed grids end now; members are rewritten; one audit entry records every state before and after.
    /// </summary>
    public async Task<EditReceipt> CommitAsync(GridEditOutcome outcome, string who, CancellationToken ct = default)
    {
        var before = new JsonArray();
        var after = new JsonArray();
        var result = new List<EditedGrid>();
        var planId = Stored.Values.First().PlanId;
        foreach (var g in outcome.Changed)
        {
            var s = Stored[g.Code];
            before.Add(GridStateJson.State(s.Id, s.Version, Scope.Get(g.Code)));
            var version = await _conn.ExecuteScalarAsync<int>(new CommandDefinition(EditSql.UpdateGrid, Row(s.Id, g), _tx, cancellationToken: ct));
            await WriteMembersAsync(s.Id, g, ct);
            after.Add(GridStateJson.State(s.Id, version, g));
            result.Add(new EditedGrid(g.Code, s.Id, version, false));
        }
        foreach (var g in outcome.Created)
        {
            var ended = await _conn.ExecuteScalarAsync<long?>(new CommandDefinition(EditSql.EndedGrid, new { plan_id = planId, code = g.Code }, _tx, cancellationToken: ct));
            long id;
            int version;
            if (ended is { } endedId)
            {
                id = endedId;
                version = await _conn.ExecuteScalarAsync<int>(new CommandDefinition(EditSql.RestoreGrid, Row(id, g), _tx, cancellationToken: ct));
            }
            else
            {
                (id, version) = await _conn.QuerySingleAsync<(long, int)>(new CommandDefinition(EditSql.InsertGrid, new
                {
                    plan_id = planId,
                    code = g.Code,
                    community_code = g.Grid.CommunityCode,
                    kind = g.Grid.Kind,
                    dedicated_kind = g.Grid.DedicatedKind,
                    boundary = Ewkb.Write(g.Grid.Boundary),
                    households = g.Grid.Households,
                    buildings = g.Members.Select(m => m.Name).ToArray(),
                    locked = g.Locked,
                }, _tx, cancellationToken: ct));
            }
            await WriteMembersAsync(id, g, ct);
            after.Add(GridStateJson.State(id, version, g));
            result.Add(new EditedGrid(g.Code, id, version, false));
        }
        foreach (var code in outcome.Removed)
        {
            var s = Stored[code];
            before.Add(GridStateJson.State(s.Id, s.Version, Scope.Get(code)));
            await _conn.ExecuteAsync(new CommandDefinition(EditSql.EndGrid, new { id = s.Id }, _tx, cancellationToken: ct));
            after.Add(GridStateJson.Removed(s.Id, s.Version + 1, code));
            result.Add(new EditedGrid(code, s.Id, s.Version + 1, true));
        }
        var codes = outcome.Touched.Distinct().ToArray();
        var staffing = await Staffing.StaffHandoverWriter.BeforeEditAsync(_conn, _tx, planId, Scope, outcome, ct);
        await ReplanLiaisonUnitsAsync(planId, codes, outcome.Changed.Concat(outcome.Created).ToList(), ct);
        await staffing.CompleteAsync(who, ct);
        var (auditId, at) = await _conn.QuerySingleAsync<(long, DateTimeOffset)>(new CommandDefinition(EditSql.Audit, new
        {
            who,
            action = outcome.Action,
            entity = $"grid/{codes[0]}",
            before = new JsonObject { ["grids"] = before }.ToJsonString(),
            after = new JsonObject { ["grids"] = after }.ToJsonString(),
            grids = codes,
        }, _tx, cancellationToken: ct));
        await _tx.CommitAsync(ct);
        return new EditReceipt(result, auditId, at);
    }

    /// <summary>
    /// The liaison units of the touched grids <paramref name="codes"/> are replaced by units planned for the grids as they
    /// are now (<see cref="LiaisonUnitPlanner"/>, with the sizes stored in the plan's params), from the households of the
    /// buildings those grids list.
    /// </summary>
    private async Task ReplanLiaisonUnitsAsync(long planId, string[] codes, IReadOnlyList<EditableGrid> grids, CancellationToken ct)
    {
        await _conn.ExecuteAsync(new CommandDefinition(EditSql.DeleteLiaisonUnits, new { plan_id = planId, codes }, _tx, cancellationToken: ct));
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
        var sizes = await _conn.ExecuteScalarAsync<string?>(new CommandDefinition(EditSql.PlanLiaisonSizes, new { plan_id = planId }, _tx, cancellationToken: ct));
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
        await PlanStore.CopyLiaisonUnitsAsync(_conn, planId, units, ct);
    }

    private static object Row(long id, EditableGrid g) => new
    {
        id,
        boundary = Ewkb.Write(g.Grid.Boundary),
        households = g.Grid.Households,
        buildings = g.Members.Select(m => m.Name).ToArray(),
        locked = g.Locked,
    };

    private async Task WriteMembersAsync(long id, EditableGrid g, CancellationToken ct)
    {
        await _conn.ExecuteAsync(new CommandDefinition(EditSql.DeleteMembers, new { id }, _tx, cancellationToken: ct));
        if (g.Members.Count == 0) return;
        await _conn.ExecuteAsync(new CommandDefinition(EditSql.InsertMembers, new
        {
            id,
            names = g.Members.Select(m => m.Name).ToArray(),
            households = g.Members.Select(m => m.Households).ToArray(),
        }, _tx, cancellationToken: ct));
    }

    public async ValueTask DisposeAsync()
    {
        await _tx.DisposeAsync();
        await _conn.DisposeAsync();
    }
}

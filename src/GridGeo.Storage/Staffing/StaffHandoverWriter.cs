using System.Text.Json;
using Dapper;
using GridGeo.Core.Editing;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Events;
using GridGeo.Storage.Model;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Staffing;

/// <summary>
/// Carries the roster across plan changes, inside the transaction of the change (<see cref="StaffingHandover"/> decides):
/// <see cref="ApplyOnPublishAsync"/> when a plan is published (the current grids of its communities → the plan's grids),
/// <see cref="BeforeEditAsync"/> + <see cref="EditHandover.CompleteAsync"/> around a map edit's commit (the touched
/// grids before → after). Open events of a grid that is retired are re-routed to the grid now covering them. Each
/// handover writes one audit entry listing what moved; <see cref="PreviewPublishAsync"/> computes the same without writing.
/// </summary>
public static class StaffHandoverWriter
{
    /// <summary>What publishing plan <paramref name="planId"/> would do to the roster now (nothing is written).</summary>
    public static async Task<StaffingChanges> PreviewPublishAsync(NpgsqlDataSource dataSource, long planId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await ReadPublishAsync(conn, null, planId, ct)).Changes;
    }

    /// <summary>
    /// Call inside the publish transaction of plan <paramref name="planId"/>, before the grids it replaces are ended:
    /// rewrites the assignments of those grids and their liaison units, and re-routes open events of the grids that go.
    /// </summary>
    internal static async Task<StaffingChanges> ApplyOnPublishAsync(WriteSession write, long planId, string who, CancellationToken ct)
    {
        var (conn, tx) = (write.Connection, write.Transaction);
        var (changes, oldCodes, newGridIds, newGridCodes) = await ReadPublishAsync(conn, tx, planId, ct);
        await WriteAsync(conn, tx, oldCodes, changes, ct);
        var retired = oldCodes.Where(c => c.Length == Core.AdminCodes.GridLength && !newGridCodes.Contains(c)).ToArray();
        var rerouted = await EventRouting.RerouteAsync(conn, tx, retired, newGridIds, ct);
        Audit(write, who, $"plan/{planId}", changes, rerouted);
        return changes;
    }

    /// <summary>Call inside an edit's transaction before its liaison units are re-planned; complete it after.</summary>
    internal static async Task<EditHandover> BeforeEditAsync(WriteSession write, long planId, GridEditScope scope, GridEditOutcome outcome, CancellationToken ct)
    {
        var (conn, tx) = (write.Connection, write.Transaction);
        var stored = scope.Grids.ToDictionary(g => g.Code, StringComparer.Ordinal);
        var oldGrids = outcome.Changed.Select(g => g.Code).Concat(outcome.Removed).Where(stored.ContainsKey).Distinct().Select(c => stored[c]).ToList();
        var before = oldGrids.Select(AreaOf).ToList();
        before.AddRange(await UnitsAsync(conn, tx, StaffSql.UnitsOfPlanGrids, new { plan_id = planId, codes = oldGrids.Select(g => g.Code).ToArray() }, ct));
        return new EditHandover(write, planId, scope.CommunityCode, outcome, before);
    }

    /// <summary>The second half of an edit's handover: the touched grids' new liaison units are stored by now.</summary>
    public sealed class EditHandover
    {
        private readonly WriteSession _write;
        private readonly long _planId;
        private readonly string _community;
        private readonly GridEditOutcome _outcome;
        private readonly List<StaffedArea> _before;

        internal EditHandover(WriteSession write, long planId, string community, GridEditOutcome outcome, List<StaffedArea> before)
        {
            (_write, _planId, _community, _outcome, _before) = (write, planId, community, outcome, before);
        }

        public async Task<StaffingChanges> CompleteAsync(string who, CancellationToken ct)
        {
            var (conn, tx) = (_write.Connection, _write.Transaction);
            var after = _outcome.After.Select(AreaOf).ToList();
            after.AddRange(await UnitsAsync(conn, tx, StaffSql.UnitsOfPlanGrids, new { plan_id = _planId, codes = _outcome.After.Select(g => g.Code).ToArray() }, ct));
            var oldCodes = _before.Select(a => a.Code).ToList();
            var assignments = await AssignmentsAsync(conn, tx, oldCodes, ct);
            var changes = StaffingHandover.Plan(_before, after, assignments);
            await WriteAsync(conn, tx, oldCodes, changes, ct);
            var gridIds = (await conn.QueryAsync<long>(new CommandDefinition(EventSql.CurrentGridIdsOfCommunity,
                new { community = _community }, tx, cancellationToken: ct))).ToArray();
            var rerouted = await EventRouting.RerouteAsync(conn, tx, _outcome.Removed.ToArray(), gridIds, ct);
            if (changes.Changes.Count > 0 || rerouted.Count > 0) Audit(_write, who, $"grid/{_outcome.Touched.First()}", changes, rerouted);
            return changes;
        }
    }

    private static StaffedArea AreaOf(EditableGrid g) =>
        new(g.Code, false, g.Grid.Kind == Core.Model.GridKinds.Basic,
            g.Members.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Sum(m => m.Households), StringComparer.Ordinal));

    private static async Task<(StaffingChanges Changes, List<string> OldCodes, long[] NewGridIds, HashSet<string> NewGridCodes)> ReadPublishAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, long planId, CancellationToken ct)
    {
        var oldIds = (await conn.QueryAsync<long>(new CommandDefinition(StaffSql.ReplacedGridIds, new { id = planId }, tx, cancellationToken: ct))).ToArray();
        var newIds = (await conn.QueryAsync<long>(new CommandDefinition(StaffSql.PlanGridIds, new { id = planId }, tx, cancellationToken: ct))).ToArray();
        var before = await GridAreasAsync(conn, tx, oldIds, ct);
        before.AddRange(await UnitsAsync(conn, tx, StaffSql.UnitsOfGrids, new { ids = oldIds }, ct));
        var after = await GridAreasAsync(conn, tx, newIds, ct);
        var newGridCodes = after.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        after.AddRange(await UnitsAsync(conn, tx, StaffSql.UnitsOfGrids, new { ids = newIds }, ct));
        var oldCodes = before.Select(a => a.Code).ToList();
        var changes = StaffingHandover.Plan(before, after, await AssignmentsAsync(conn, tx, oldCodes, ct));
        return (changes, oldCodes, newIds, newGridCodes);
    }

    private static async Task<List<StaffedArea>> GridAreasAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long[] ids, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(long Id, string Code, bool Basic, string? Member, int? Households)>(
            new CommandDefinition(StaffSql.GridAreas, new { ids }, tx, cancellationToken: ct));
        return rows.GroupBy(r => (r.Id, r.Code, r.Basic)).Select(g =>
        {
            var members = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in g.Where(r => r.Member is not null)) members[r.Member!] = members.GetValueOrDefault(r.Member!) + (r.Households ?? 0);
            return new StaffedArea(g.Key.Code, false, g.Key.Basic, members);
        }).ToList();
    }

    private static async Task<List<StaffedArea>> UnitsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, object args, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(string Code, string[] Members)>(new CommandDefinition(sql, args, tx, cancellationToken: ct));
        return rows.Select(r => new StaffedArea(r.Code, true, false,
            r.Members.Distinct(StringComparer.Ordinal).ToDictionary(m => m, _ => 1, StringComparer.Ordinal))).ToList();
    }

    private static async Task<IReadOnlyList<StaffAssignment>> AssignmentsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<string> codes, CancellationToken ct) =>
        (await conn.QueryAsync<(long Id, string Role, string Code)>(new CommandDefinition(StaffSql.AssignmentsOf, new { codes = codes.ToArray() }, tx, cancellationToken: ct)))
        .Select(r => new StaffAssignment(r.Id, r.Role, r.Code)).OrderBy(a => a.PersonId).ThenBy(a => a.Code, StringComparer.Ordinal).ToList();

    private static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<string> oldCodes, StaffingChanges changes, CancellationToken ct)
    {
        if (changes.Changes.Count == 0) return;
        await conn.ExecuteAsync(new CommandDefinition(StaffSql.DeleteAssignmentsOfCodes, new { codes = oldCodes.ToArray() }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(StaffSql.InsertAssignmentRows, new
        {
            ids = changes.Assignments.Select(a => a.PersonId).ToArray(),
            codes = changes.Assignments.Select(a => a.Code).ToArray(),
        }, tx, cancellationToken: ct));
    }

    /// <summary>Adds the audit entry of a handover to <paramref name="write"/>; it commits with the plan change.</summary>
    private static void Audit(WriteSession write, string who, string entity, StaffingChanges changes, IReadOnlyList<RerouteRow> rerouted) =>
        write.Db.AuditLog.Add(new AuditEntry
        {
            Who = who,
            Action = "staff.handover",
            Entity = entity,
            After = JsonSerializer.Serialize(new
            {
                kept = changes.Count(HandoverKind.Kept),
                moved = changes.Changes.Where(c => c.Kind == HandoverKind.Moved).Select(c => new { person = c.PersonId, role = c.Role, from = c.From, to = c.To }),
                released = changes.Changes.Where(c => c.Kind == HandoverKind.Released).Select(c => new { person = c.PersonId, role = c.Role, from = c.From, reason = c.Reason }),
                needing = changes.Needs.Select(n => new { code = n.Code, role = n.Role }),
                rerouted_events = rerouted.Select(r => new { id = r.Id, from = r.From, to = r.To }),
            }),
        });
}

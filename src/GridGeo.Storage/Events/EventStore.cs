using System.Text.Json;
using Dapper;
using GridGeo.Core.Events;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Events;

/// <summary>A new event as routed by the API: where it is, the grid, liaison unit and person it goes to, and who reported it.</summary>
public sealed record NewEvent(
    Guid Id, string Category, string Text, double? Lon, double? Lat, string? Address,
    string? GridCode, string? LiaisonUnitCode, long? AssigneeId, string ReportedBy, long? ReporterKeyId);

/// <summary>A stored event with its routing and the time of each step.</summary>
public sealed record StoredEvent(
    Guid Id, string Category, string Text, string Status, double? Lon, double? Lat, string? Address,
    string? ReportedGridCode, string? GridCode, string? LiaisonUnitCode, long? AssigneeId, string? AssigneeName,
    string ReportedBy, long? ReporterKeyId, DateTimeOffset ReportedAt, DateTimeOffset? DispatchedAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? ResolvedAt, DateTimeOffset? RatedAt, string? Resolution, int? Rating, string? ReroutedFrom);

/// <summary>Open events of one current grid, at a point inside it.</summary>
public sealed record GridEventCount(string GridCode, string Kind, int Open, double Lon, double Lat);

/// <summary>Open events assigned to one person.</summary>
public sealed record WorkerEventCount(long StaffId, string Name, string Role, string Street, int Open);

/// <summary>
/// Stores the steps of events (<see cref="EventFlow"/>), each with its audit entry in the same transaction, and reads
/// events; new events are stored by <see cref="EventWriter"/>. "Not found" is null, never an exception.
/// </summary>
public sealed class EventStore(NpgsqlDataSource dataSource)
{
    public async Task<StoredEvent?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await ReadAsync(conn, null, EventSql.Get, new { id }, ct)).FirstOrDefault();
    }

    /// <summary>Events filtered by grid (the grid they are routed to now), status, reported since, assignee; newest first.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ListAsync(string? grid, string? status, DateTimeOffset? since, long? assignee, int limit, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await ReadAsync(conn, null, EventSql.List, new { grid, status, since, assignee, limit }, ct);
    }

    /// <summary>
    /// Runs <paramref name="step"/> (see <see cref="EventFlow.Transition"/>) on event <paramref name="id"/> if it is still in the
    /// step's source status, with its audit entry; returns the event after, or null when its status moved on meanwhile.
    /// </summary>
    public async Task<StoredEvent?> StepAsync(Guid id, string step, string who, long? assignee, string? resolution, int? rating, CancellationToken ct = default)
    {
        var (from, to) = EventFlow.Transition(step) ?? throw new ArgumentException($"unknown step {step}", nameof(step));
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var done = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(EventSql.Step, new { id, from, to, assignee, resolution, rating = (short?)rating }, tx, cancellationToken: ct));
        if (done is null) return null;
        await conn.ExecuteAsync(new CommandDefinition(EventSql.Audit, new
        {
            who,
            action = $"event.{step}",
            entity = $"event/{id}",
            before = JsonSerializer.Serialize(new { status = from }),
            after = JsonSerializer.Serialize(new { status = to, assignee, resolution, rating }),
        }, tx, cancellationToken: ct));
        var after = (await ReadAsync(conn, tx, EventSql.Get, new { id }, ct)).First();
        await tx.CommitAsync(ct);
        return after;
    }

    /// <summary>Open events per current grid (only grids with some), optionally within a bbox.</summary>
    public async Task<IReadOnlyList<GridEventCount>> OpenByGridAsync(NetTopologySuite.Geometries.Envelope? box, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(string, string, int, double, double)>(new CommandDefinition(EventSql.OpenByGrid, new
            {
                has_box = box is not null, minx = box?.MinX ?? 0, miny = box?.MinY ?? 0, maxx = box?.MaxX ?? 0, maxy = box?.MaxY ?? 0,
            }, cancellationToken: ct)))
            .Select(r => new GridEventCount(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5)).ToList();
    }

    /// <summary>Open events per assigned person, most first, optionally for one street's people.</summary>
    public async Task<IReadOnlyList<WorkerEventCount>> OpenByWorkerAsync(string? street, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(long, string, string, string, int)>(new CommandDefinition(EventSql.OpenByWorker, new { street }, cancellationToken: ct)))
            .Select(r => new WorkerEventCount(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5)).ToList();
    }

    /// <summary>The stored location of household <paramref name="householdId"/>; null when there is no such household.</summary>
    public async Task<(double Lon, double Lat)?> HouseholdLocationAsync(string householdId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QueryFirstOrDefaultAsync<(double, double)?>(new CommandDefinition(EventSql.HouseholdLocation, new { id = householdId }, cancellationToken: ct));
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, object args, CancellationToken ct)
    {
        await using var reader = await conn.ExecuteReaderAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct));
        var r = reader;
        var result = new List<StoredEvent>();
        while (await r.ReadAsync(ct))
        {
            result.Add(new StoredEvent(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetDouble(5), Text(r, 6),
                Text(r, 7), Text(r, 8), Text(r, 9),
                r.IsDBNull(10) ? null : r.GetInt64(10), Text(r, 11), r.GetString(12), r.IsDBNull(13) ? null : r.GetInt64(13),
                r.GetFieldValue<DateTimeOffset>(14), Time(r, 15), Time(r, 16), Time(r, 17), Time(r, 18), Text(r, 19),
                r.IsDBNull(20) ? null : r.GetInt16(20), Text(r, 21)));
        }
        return result;
    }

    private static DateTimeOffset? Time(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    private static string? Text(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

using Dapper;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Events;

/// <summary>An event sent on from a retired grid: its id, the grid it was routed to and the grid it is routed to now (null when no grid covers it).</summary>
public sealed record RerouteRow(Guid Id, string From, string? To);

/// <summary>Re-routes the open events of retired grids, inside the transaction that retires them.</summary>
internal static class EventRouting
{
    public static async Task<IReadOnlyList<RerouteRow>> RerouteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] retired, long[] gridIds, CancellationToken ct)
    {
        if (retired.Length == 0) return [];
        return (await conn.QueryAsync<(Guid Id, string From, string? To)>(new CommandDefinition(EventSql.Reroute,
                new { retired, grid_ids = gridIds }, tx, cancellationToken: ct)))
            .Select(r => new RerouteRow(r.Id, r.From, r.To)).ToList();
    }
}

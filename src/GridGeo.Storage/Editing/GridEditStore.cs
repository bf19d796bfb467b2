using System.Text.Json;
using Dapper;
using GridGeo.Core.Model;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace GridGeo.Storage.Editing;

/// <summary>
/// Writes planners' edits of current grids. Every write is optimistic: it names the version of each grid
/// that the editor read, and changes nothing when another edit got there first (the caller answers 412).
/// </summary>
public sealed class GridEditStore(NpgsqlDataSource dataSource)
{
    /// <summary>The stored buildings with these ids, by id; ids with no stored building are absent.</summary>
    public async Task<IReadOnlyDictionary<string, Building>> BuildingsAsync(IEnumerable<string> ids, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(EditSql.BuildingsById);
        cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.Distinct().ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new Dictionary<string, Building>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            var b = StoredRows.Building(r);
            result[b.Id] = b;
        }
        return result;
    }

    /// <summary>
    /// Replaces two current grids by their edited versions in one transaction, with their member rows and an
    /// audit-log row. False (and nothing written) when either grid's version is no longer
    /// <see cref="StoredGrid.Version"/>, it has ended, or it is locked.
    /// </summary>
    public async Task<bool> ReplaceTwoAsync(StoredGrid a, Grid newA, StoredGrid b, Grid newB, string who, string action, object details, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var (stored, edited) in new[] { (a, newA), (b, newB) })
        {
            await using var cmd = new NpgsqlCommand(EditSql.UpdateGrid, conn, tx);
            cmd.Parameters.AddWithValue("boundary", Ewkb.Write(edited.Boundary));
            cmd.Parameters.AddWithValue("households", edited.Households);
            cmd.Parameters.Add(new NpgsqlParameter("buildings", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = edited.Buildings.ToArray() });
            cmd.Parameters.AddWithValue("id", stored.Id);
            cmd.Parameters.AddWithValue("version", stored.Version);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }
        var ids = new[] { a.Id, b.Id };
        await conn.ExecuteAsync(new CommandDefinition(EditSql.DeleteMembers, new { ids }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(EditSql.InsertMembers, new { ids }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.Audit, new
        {
            who,
            action,
            entity = $"grid/{a.Grid.Code}+grid/{b.Grid.Code}",
            before = JsonSerializer.Serialize(new { a = Summary(a.Grid, a.Version), b = Summary(b.Grid, b.Version) }),
            after = JsonSerializer.Serialize(new { a = Summary(newA, a.Version + 1), b = Summary(newB, b.Version + 1), details }),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    private static object Summary(Grid g, int version) => new { code = g.Code, version, households = g.Households, buildings = g.Buildings };
}

using GridGeo.Storage.Sql;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Storage.Queries;

/// <summary>The administrative levels stored: county (6-digit code), street (9), community (12).</summary>
public enum AdminLevel
{
    County,
    Street,
    Community,
}

/// <summary>A stored county, street or community: code, name, parent's code, boundary and household total.</summary>
public sealed record AdminArea(AdminLevel Level, string Code, string Name, string? ParentCode, long Households, Geometry? Boundary);

/// <summary>Reads the administrative areas of the imported districts.</summary>
public sealed class AdminAreaStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every area of <paramref name="level"/>, ordered by code; empty when nothing is imported.</summary>
    public async Task<IReadOnlyList<AdminArea>> ListAsync(AdminLevel level, CancellationToken ct = default)
    {
        var sql = level switch
        {
            AdminLevel.County => QuerySql.Counties,
            AdminLevel.Street => QuerySql.Streets,
            _ => QuerySql.Communities,
        };
        await using var cmd = dataSource.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<AdminArea>();
        while (await r.ReadAsync(ct))
        {
            result.Add(new AdminArea(level, r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetInt64(4), r.IsDBNull(3) ? null : r.GetFieldValue<NetTopologySuite.Geometries.Geometry>(3)));
        }
        return result;
    }
}

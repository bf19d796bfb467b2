using GridGeo.Core.Model;
using GridGeo.Storage.Sql;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Storage.Queries;

/// <summary>Reads stored buildings by area.</summary>
public sealed class BuildingStore(NpgsqlDataSource dataSource)
{
    /// <summary>Buildings whose point lies in <paramref name="box"/> (lon/lat), ordered by id, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Building>> InBoxAsync(Envelope box, int limit, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(QuerySql.BuildingsInBox);
        cmd.Parameters.AddWithValue("minx", box.MinX);
        cmd.Parameters.AddWithValue("miny", box.MinY);
        cmd.Parameters.AddWithValue("maxx", box.MaxX);
        cmd.Parameters.AddWithValue("maxy", box.MaxY);
        cmd.Parameters.AddWithValue("limit", limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<Building>();
        while (await r.ReadAsync(ct)) result.Add(StoredRows.Building(r));
        return result;
    }
}

using System.Runtime.CompilerServices;
using GridGeo.Storage.Sql;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GridGeo.Storage.Layers;

/// <summary>
/// Reads the published <see cref="FeatureLayer"/>s: features streamed row by row from a forward-only reader (so a
/// whole province never sits in memory), counts, single features, extents and Mapbox vector tiles. "Not found"
/// is null (or an empty tile), never an exception.
/// </summary>
public sealed class LayerStore(NpgsqlDataSource dataSource)
{
    /// <summary>The features of <paramref name="layer"/> matching <paramref name="query"/>, in id order, one row at a time.</summary>
    public async IAsyncEnumerable<FeatureRow> ReadAsync(FeatureLayer layer, LayerQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LayerSql.Features(layer));
        AddFilters(cmd, query);
        cmd.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = (object?)query.Limit ?? DBNull.Value });
        cmd.Parameters.AddWithValue("offset", query.Offset);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return Row(r, layer.Properties.Count);
    }

    /// <summary>How many features of <paramref name="layer"/> match the filters of <paramref name="query"/> (limit and offset ignored).</summary>
    public async Task<long> CountAsync(FeatureLayer layer, LayerQuery query, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LayerSql.Count(layer));
        AddFilters(cmd, query);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The feature of <paramref name="layer"/> with id <paramref name="id"/>; null when there is none.</summary>
    public async Task<FeatureRow?> GetAsync(FeatureLayer layer, string id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LayerSql.Feature(layer));
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Row(r, layer.Properties.Count) : null;
    }

    /// <summary>The lon/lat box of all features of <paramref name="layer"/>; null when the layer is empty.</summary>
    public async Task<Envelope?> ExtentAsync(FeatureLayer layer, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LayerSql.Extent(layer));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct) || r.IsDBNull(0)) return null;
        return new Envelope(r.GetDouble(0), r.GetDouble(2), r.GetDouble(1), r.GetDouble(3));
    }

    /// <summary>
    /// The Mapbox vector tile z/x/y (Web Mercator pyramid; the caller checks the numbers) of <paramref name="layer"/>,
    /// one MVT layer named after it; an empty array when no feature meets the tile.
    /// </summary>
    public async Task<byte[]> TileAsync(FeatureLayer layer, int z, int x, int y, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LayerSql.Tile(layer));
        cmd.Parameters.AddWithValue("z", z);
        cmd.Parameters.AddWithValue("x", x);
        cmd.Parameters.AddWithValue("y", y);
        return (byte[])(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Every household with its grid and liaison unit in the current plans (null when it has none), in id order, one row at a time.</summary>
    public async IAsyncEnumerable<HouseholdAssignment> ReadHouseholdAssignmentsAsync(string? community, string? street,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LayerSql.HouseholdAssignments);
        cmd.Parameters.Add(new NpgsqlParameter("community", NpgsqlDbType.Text) { Value = (object?)community ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("street", NpgsqlDbType.Text) { Value = (object?)street ?? DBNull.Value });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            yield return new HouseholdAssignment(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3),
                StoredRows.NullableString(r, 4), StoredRows.NullableString(r, 5), StoredRows.NullableString(r, 6));
    }

    private static void AddFilters(NpgsqlCommand cmd, LayerQuery q)
    {
        var box = q.Box;
        cmd.Parameters.AddWithValue("has_box", box is not null);
        cmd.Parameters.AddWithValue("minx", box?.MinX ?? 0);
        cmd.Parameters.AddWithValue("miny", box?.MinY ?? 0);
        cmd.Parameters.AddWithValue("maxx", box?.MaxX ?? 0);
        cmd.Parameters.AddWithValue("maxy", box?.MaxY ?? 0);
        cmd.Parameters.Add(new NpgsqlParameter("community", NpgsqlDbType.Text) { Value = (object?)q.Community ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("street", NpgsqlDbType.Text) { Value = (object?)q.Street ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("id_prefix", NpgsqlDbType.Text) { Value = (object?)q.IdPrefix ?? DBNull.Value });
    }

    private static FeatureRow Row(NpgsqlDataReader r, int properties)
    {
        var values = new object?[properties];
        for (var i = 0; i < properties; i++) values[i] = r.IsDBNull(i + 2) ? null : r.GetValue(i + 2);
        return new FeatureRow(r.GetString(0), r.IsDBNull(1) ? null : Ewkb.Read((byte[])r[1]), values);
    }
}

/// <summary>One household of the households CSV: where it lives and, in the current plans, its grid and liaison unit (null when none).</summary>
public sealed record HouseholdAssignment(
    string HouseholdId,
    string BuildingId,
    int Unit,
    int Floor,
    string? CommunityCode,
    string? GridCode,
    string? LiaisonUnitCode);

using GridGeo.Core.Model;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Sql;
using NetTopologySuite.Geometries;
using Npgsql;
using Barrier = GridGeo.Core.Model.Barrier;

namespace GridGeo.Storage.Printing;

/// <summary>What a printed map of a box shows, read in one snapshot: communities, current grids and their liaison units, buildings and barriers.</summary>
public sealed record PrintLayers(
    IReadOnlyList<Community> Communities,
    IReadOnlyList<Grid> Grids,
    IReadOnlyList<LiaisonUnit> LiaisonUnits,
    IReadOnlyList<Building> Buildings,
    IReadOnlyList<Barrier> Barriers);

/// <summary>A stored street (街道/乡镇): its code, name, county name and number of communities.</summary>
public sealed record StoredStreet(string Code, string Name, string? CountyName, int Communities);

/// <summary>
/// Reads the layers of printed maps and notice boards from the stored district and the current plans. Boxes are
/// lon/lat envelopes; barriers come clipped to the box.
/// </summary>
public sealed class PrintLayerStore(NpgsqlDataSource dataSource)
{
    /// <summary>At most this many buildings are read for one map (a street has a few thousand).</summary>
    public const int MaxBuildings = 200_000;

    /// <summary>Everything in <paramref name="box"/>, read in one repeatable-read snapshot.</summary>
    public async Task<PrintLayers> LoadAsync(Envelope box, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var communities = await ReadAsync(conn, PrintSql.Communities, box, r => new Community(r.GetString(0), r.GetString(1), r.GetString(2),
            Ewkb.Read((byte[])r[3]), StoredRows.NullableString(r, 4), StoredRows.NullableString(r, 5)), ct);
        IReadOnlyList<Grid> grids;
        await using (var cmd = new NpgsqlCommand(PlanSql.CurrentGrids, conn))
        {
            AddBox(cmd, box);
            cmd.Parameters.AddWithValue("has_box", true);
            cmd.Parameters.Add(new NpgsqlParameter("community", NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
            cmd.Parameters.Add(new NpgsqlParameter("kind", NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
            grids = (await PlanStore.ReadGridsAsync(cmd, ct)).Select(g => g.Grid).ToList();
        }
        var units = await ReadAsync(conn, PrintSql.LiaisonUnits, box, LiaisonUnitRow, ct);
        var buildings = await ReadAsync(conn, PrintSql.Buildings, box, StoredRows.Building, ct, limit: MaxBuildings);
        var barriers = (await ReadAsync(conn, PrintSql.Barriers, box, r => new Barrier(r.GetString(0), Ewkb.Read((byte[])r[1])), ct))
            .Where(b => !b.Line.IsEmpty && b.Line.Dimension == Dimension.Curve).ToList();
        await tx.CommitAsync(ct);
        return new PrintLayers(communities, grids, units, buildings, barriers);
    }

    /// <summary>The liaison units of the current grid <paramref name="gridCode"/> (empty when it has none or is not current).</summary>
    public async Task<IReadOnlyList<LiaisonUnit>> LiaisonUnitsOfAsync(string gridCode, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(PrintSql.GridLiaisonUnits);
        cmd.Parameters.AddWithValue("code", gridCode);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<LiaisonUnit>();
        while (await r.ReadAsync(ct)) result.Add(LiaisonUnitRow(r));
        return result;
    }

    /// <summary>The street with code <paramref name="code"/>; null when none is stored.</summary>
    public async Task<StoredStreet?> GetStreetAsync(string code, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(PrintSql.Street);
        cmd.Parameters.AddWithValue("code", code);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new StoredStreet(r.GetString(0), r.GetString(1), StoredRows.NullableString(r, 2), r.GetInt32(3));
    }

    /// <summary>The lon/lat extent of street <paramref name="streetCode"/>'s current grids; null when it has none.</summary>
    public async Task<Envelope?> StreetGridsExtentAsync(string streetCode, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(PrintSql.StreetGridsExtent);
        cmd.Parameters.AddWithValue("street", streetCode);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct) || r.IsDBNull(0)) return null;
        return new Envelope(r.GetDouble(0), r.GetDouble(2), r.GetDouble(1), r.GetDouble(3));
    }

    private static LiaisonUnit LiaisonUnitRow(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<string[]>(3), r.IsDBNull(4) ? null : Ewkb.Read((byte[])r[4]));

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection conn, string sql, Envelope box, Func<NpgsqlDataReader, T> map, CancellationToken ct, int? limit = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        AddBox(cmd, box);
        if (limit is { } l) cmd.Parameters.AddWithValue("limit", l);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<T>();
        while (await r.ReadAsync(ct)) result.Add(map(r));
        return result;
    }

    private static void AddBox(NpgsqlCommand cmd, Envelope box)
    {
        cmd.Parameters.AddWithValue("minx", box.MinX);
        cmd.Parameters.AddWithValue("miny", box.MinY);
        cmd.Parameters.AddWithValue("maxx", box.MaxX);
        cmd.Parameters.AddWithValue("maxy", box.MaxY);
    }
}

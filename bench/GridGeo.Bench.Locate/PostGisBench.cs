using System.Diagnostics;
using GridGeo.Core.Model;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace GridGeo.Bench.Locate;

/// <summary>
/// The same lookups in PostGIS: the grids in a table with a GiST index, a point answered by
/// <c>ST_Intersects</c> with the lowest code first. Measured two ways: one query per point over one connection
/// (what a service calling the database per request gets), and one set-based join of all points (PostGIS's best case).
/// </summary>
public static class PostGisBench
{
    public sealed record Result(double LoadSeconds, double PerQuery, double SetBased, int Agreement, int Compared);

    private const string LocateSql =
        "SELECT code FROM bench_grids WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY code LIMIT 1";

    private const string JoinSql = """
        SELECT count(g.code) FROM bench_points p
        LEFT JOIN LATERAL (SELECT code FROM bench_grids WHERE ST_Intersects(geom, p.geom) ORDER BY code LIMIT 1) g ON true
        """;

    public static async Task<Result> Run(string connectionString, IReadOnlyList<Grid> grids, double[] lons, double[] lats, Func<double, double, string?> reference)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var clock = Stopwatch.StartNew();
        await Exec(conn, "DROP TABLE IF EXISTS bench_grids; CREATE UNLOGGED TABLE bench_grids (code text PRIMARY KEY, geom geometry(Geometry, 4326) NOT NULL)");
        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true);
        await using (var copy = await conn.BeginBinaryImportAsync("COPY bench_grids (code, geom) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var g in grids)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(g.Code, NpgsqlDbType.Text);
                await copy.WriteAsync(wkb.Write(g.Boundary), NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        }
        await Exec(conn, "CREATE INDEX ON bench_grids USING gist (geom); ANALYZE bench_grids");
        var load = clock.Elapsed.TotalSeconds;

        // One query per point, prepared, for a fixed time slice.
        var agree = 0;
        var compared = 0;
        await using (var cmd = new NpgsqlCommand(LocateSql, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double });
            cmd.Parameters.Add(new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double });
            await cmd.PrepareAsync();
            clock.Restart();
            for (var i = 0; i < lons.Length && clock.Elapsed.TotalSeconds < 5; i++)
            {
                ((NpgsqlParameter<double>)cmd.Parameters[0]).TypedValue = lons[i];
                ((NpgsqlParameter<double>)cmd.Parameters[1]).TypedValue = lats[i];
                var code = (string?)await cmd.ExecuteScalarAsync();
                if (code == reference(lons[i], lats[i])) agree++;
                compared++;
            }
        }
        var perQuery = compared / clock.Elapsed.TotalSeconds;

        var setSize = Math.Min(lons.Length, 200_000);
        await Exec(conn, "DROP TABLE IF EXISTS bench_points; CREATE UNLOGGED TABLE bench_points (geom geometry(Point, 4326) NOT NULL)");
        await using (var copy = await conn.BeginBinaryImportAsync("COPY bench_points (geom) FROM STDIN (FORMAT BINARY)"))
        {
            var factory = Core.Geo.GeoFactory.Wgs84;
            for (var i = 0; i < setSize; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(wkb.Write(factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lons[i], lats[i]))), NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        }
        await Exec(conn, "ANALYZE bench_points");
        await using (var join = new NpgsqlCommand(JoinSql, conn) { CommandTimeout = 600 })
        {
            clock.Restart();
            await join.ExecuteScalarAsync();
        }
        var setBased = setSize / clock.Elapsed.TotalSeconds;
        await Exec(conn, "DROP TABLE IF EXISTS bench_points; DROP TABLE IF EXISTS bench_grids");
        return new Result(load, perQuery, setBased, agree, compared);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }
}

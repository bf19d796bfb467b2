using GridGeo.Core.Generation;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Storage;
using GridGeo.Storage.Import;
using GridGeo.Storage.Migrations;
using GridGeo.Storage.Plans;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Bench.Interop;

/// <summary>
/// The bench database: a generated district (<see cref="DistrictGenerator"/>, ~100k buildings for 560k households)
/// imported as the CLI would, and a published plan of a synthetic province-scale mesh of grids: square cells with
/// densified edges (about 48 vertices each, like a drawn grid), 20 member ids each, grouped 5 to a community and
/// <see cref="GridsPerStreet"/> to a street so that one street is a 2k-grid export. Loaded once, reused when present.
/// </summary>
public static class BenchData
{
    public const int GridsPerStreet = 2_000;
    public const string MeshCounty = "529900";

    public static async Task<string> EnsureDatabaseAsync(string clusterConnection, string name)
    {
        var admin = new NpgsqlConnectionStringBuilder(clusterConnection) { Database = "postgres", Pooling = false };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync();
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", conn);
            exists.Parameters.AddWithValue("n", name);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"create database \"{name}\"", conn);
                await create.ExecuteNonQueryAsync();
            }
        }
        var target = new NpgsqlConnectionStringBuilder(clusterConnection) { Database = name }.ConnectionString;
        await MigrationRunner.MigrateAsync(target);
        return target;
    }

    public static async Task EnsureDistrictAsync(NpgsqlDataSource db, int households)
    {
        if (await ScalarAsync(db, "select count(*) from buildings") > 0) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = households });
        var summary = await new BundleImporter(db).ImportAsync(bundle);
        Console.WriteLine($"loaded district: {summary.Buildings:N0} buildings, {summary.Households:N0} households in {clock.Elapsed.TotalSeconds:F0} s");
    }

    public static async Task EnsureMeshAsync(NpgsqlDataSource db, int grids)
    {
        if (await ScalarAsync(db, "select count(*) from grids where valid_to is null and code like '" + MeshCounty + "%'") == grids) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plans = new PlanStore(db);
        var id = await plans.CreateDraftAsync(PlanKinds.Import, new { bench = "interop", grids });
        await plans.SaveGridsAsync(id, Mesh(grids));
        await plans.CompleteAsync(id, new { grids });
        await plans.PublishAsync(id, "bench");
        await using (var analyze = db.CreateCommand("analyze grids; analyze grid_members; analyze buildings")) await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"loaded mesh plan {id}: {grids:N0} grids in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>The street code of the first <see cref="GridsPerStreet"/> mesh grids.</summary>
    public static string FirstStreet => MeshCounty + "001";

    /// <summary>
    /// <paramref name="count"/> square cells of 0.02° (about 2 km) in rows west→east over Guizhou-like latitudes,
    /// each edge split into 12 segments.
    /// </summary>
    public static IEnumerable<Grid> Mesh(int count)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        const double size = 0.02, west = 104.0, north = 29.0;
        for (var i = 0; i < count; i++)
        {
            var (row, col) = (i / columns, i % columns);
            var street = i / GridsPerStreet + 1;
            var community = i % GridsPerStreet / 5 + 1;
            var communityCode = $"{MeshCounty}{street:D3}{community:D3}";
            var x = west + col * size;
            var y = north - (row + 1) * size;
            yield return new Grid($"{communityCode}{i % 5 + 1:D3}", communityCode, GridKinds.Basic, null, 400,
                Enumerable.Range(1, 20).Select(b => $"M{i}-{b}").ToList(), Cell(x, y, size, 12));
        }
    }

    private static Polygon Cell(double x, double y, double size, int split)
    {
        var ring = new List<Coordinate>();
        (double X, double Y)[] corners = [(x, y), (x + size, y), (x + size, y + size), (x, y + size)];
        for (var c = 0; c < 4; c++)
        {
            var (ax, ay) = corners[c];
            var (bx, by) = corners[(c + 1) % 4];
            for (var s = 0; s < split; s++) ring.Add(new Coordinate(ax + (bx - ax) * s / split, ay + (by - ay) * s / split));
        }
        ring.Add(ring[0].Copy());
        return GeoFactory.Wgs84.CreatePolygon(ring.ToArray());
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}

using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Storage;
using GridGeo.Storage.Migrations;
using GridGeo.Storage.Plans;
using Microsoft.AspNetCore.Mvc.Testing;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Api.Tests.Locate;

/// <summary>
/// A fresh database (migrated, on the private PostGIS of <c>GRIDGEO_DB</c>) holding a small district with a
/// published plan, and the API hosted on it. One per test class; dropped at the end.
/// <para>
/// The plan: a 10 × 10 lattice of 100 m square grids from (106.70, 26.50); column i, row j has code
/// 520102001001xxx for i &lt; 5 and 520102001002xxx otherwise. Grid <see cref="UnitGrid"/> has two liaison units
/// (its west and east halves) and a building with households addressed
/// "贵州省贵阳市南明区花果园街道幸福路12号3栋{unit}单元{room}室".
/// </para>
/// </summary>
public class LocateTestDatabase : IAsyncLifetime
{
    public const double Lon0 = 106.70, Lat0 = 26.50, Size = 0.001;
    public const string AddressPrefix = "贵州省贵阳市南明区花果园街道幸福路12号3栋";
    public static string UnitGrid => CodeAt(2, 3);

    private string _database = "";
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public PlanStore Plans { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public List<Grid> Grids { get; } = [];

    /// <summary>Settings for the API host; a subclass may add its own.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public static string CodeAt(int i, int j) => (i < 5 ? "520102001001" : "520102001002") + (1 + (i % 5) * 10 + j).ToString("D3");

    public static Polygon Square(double x0, double y0, double w, double h) =>
        GeoFactory.Wgs84.CreatePolygon([new(x0, y0), new(x0 + w, y0), new(x0 + w, y0 + h), new(x0, y0 + h), new(x0, y0)]);

    public static (double Lon, double Lat) CentreOf(int i, int j) => (Lon0 + (i + 0.5) * Size, Lat0 + (j + 0.5) * Size);

    public async Task InitializeAsync()
    {
        var admin = StorageOptions.Resolve().ConnectionString;
        _database = "gridgeo_locate_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"create database {_database}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString;
        await MigrationRunner.MigrateAsync(ConnectionString);
        DataSource = GridGeoDatabase.Open(new StorageOptions(ConnectionString));
        Plans = new PlanStore(DataSource);
        await SeedAsync();

        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting(StorageOptions.ConfigurationKey, ConnectionString);
            b.UseSetting("GridGeo:Locate:PollSeconds", "0.2");
            foreach (var (k, v) in Settings) b.UseSetting(k, v);
        });
        Client = Factory.CreateClient();
        // Door-plate search is personal data: a reader key, as any other system would send.
        var (key, _) = await new GridGeo.Storage.Auth.ApiKeyStore(DataSource).CreateAsync("locate-reader", GridGeo.Storage.Auth.ApiRoles.Reader, []);
        Client.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(StorageOptions.Resolve().ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists {_database} with (force)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task ExecAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Stores <paramref name="grids"/> (and <paramref name="units"/>) as a new plan and publishes it.</summary>
    public async Task<long> PublishPlanAsync(IEnumerable<Grid> grids, IEnumerable<LiaisonUnit>? units = null)
    {
        var plan = await Plans.CreateDraftAsync(PlanKinds.Import);
        await Plans.SaveGridsAsync(plan, grids);
        if (units is not null) await Plans.SaveLiaisonUnitsAsync(plan, units);
        await Plans.CompleteAsync(plan, new { test = true });
        var result = await Plans.PublishAsync(plan);
        Assert.Equal(PublishOutcome.Published, result.Outcome);
        return plan;
    }

    private async Task SeedAsync()
    {
        await ExecAsync("insert into counties (code, name) values ('520102', '南明区')");
        await ExecAsync("insert into streets (code, county_code, name) values ('520102001', '520102', '花果园街道')");
        await ExecAsync("insert into communities (code, street_code, name, boundary) values " +
                        "('520102001001', '520102001', '幸福社区', st_geomfromewkb(@a)), ('520102001002', '520102001', '和平社区', st_geomfromewkb(@b))",
            ("a", Ewkb.Write(Square(Lon0, Lat0, 5 * Size, 10 * Size))), ("b", Ewkb.Write(Square(Lon0 + 5 * Size, Lat0, 5 * Size, 10 * Size))));

        var (bx, by) = CentreOf(2, 3);
        await ExecAsync("insert into buildings (id, county_code, community_code, households, units, floors, address, location) values " +
                        "('B1', '520102', '520102001001', 8, 2, 2, '幸福路12号3栋', st_geomfromewkb(@p))",
            ("p", Ewkb.Write(GeoFactory.Wgs84.CreatePoint(new Coordinate(bx - Size / 4, by)))));
        var households = new List<string>();
        for (var unit = 1; unit <= 2; unit++)
        for (var floor = 1; floor <= 2; floor++)
        for (var flat = 1; flat <= 2; flat++)
        {
            var room = $"{floor}0{flat}";
            var id = $"B1-{unit}-{room}";
            households.Add(id);
            var address = $"{AddressPrefix}{unit}单元{room}室";
            await ExecAsync("insert into households (id, county_code, building_id, unit, floor, room, address, location) values " +
                            "(@id, '520102', 'B1', @unit, @floor, @room, @address, (select location from buildings where id = 'B1'))",
                ("id", id), ("unit", unit), ("floor", floor), ("room", room), ("address", address));
        }

        for (var i = 0; i < 10; i++)
        for (var j = 0; j < 10; j++)
        {
            var code = CodeAt(i, j);
            var buildings = code == UnitGrid ? new[] { "B1" } : [];
            Grids.Add(new Grid(code, code[..12], GridKinds.Basic, null, code == UnitGrid ? 8 : 0, buildings,
                Square(Lon0 + i * Size, Lat0 + j * Size, Size, Size)));
        }
        var (gx, gy) = (Lon0 + 2 * Size, Lat0 + 3 * Size);
        var units = new[]
        {
            new LiaisonUnit(UnitGrid + "001", UnitGrid, 4, households.Where(h => h.StartsWith("B1-1-")).ToList(), Square(gx, gy, Size / 2, Size)),
            new LiaisonUnit(UnitGrid + "002", UnitGrid, 4, households.Where(h => h.StartsWith("B1-2-")).ToList(), Square(gx + Size / 2, gy, Size / 2, Size)),
        };
        await PublishPlanAsync(Grids, units);
    }
}

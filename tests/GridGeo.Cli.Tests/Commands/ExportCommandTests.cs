using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GridGeo.Cli.Commands;
using GridGeo.Cli.Tests.Support;
using GridGeo.Core.Geo;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace GridGeo.Cli.Tests.Commands;

/// <summary>
/// <c>export</c> writes from the database what <c>GET /api/export/…</c> serves: RFC 7946 GeoJSON of the current grids
/// (filtered by street or community, optionally in GCJ-02) and the household → grid → liaison unit CSV.
/// Two counties are stored; the filters must keep only the one asked for.
/// </summary>
[Collection("Console")]
public sealed class ExportCommandTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime, IDisposable
{
    private const string County = "410101";
    private const string Other = "410102";
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-export-").FullName;

    public async Task InitializeAsync()
    {
        foreach (var county in new[] { County, Other })
        {
            await InProcessCli.SeedPublishedHalvesAsync(db, county);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => InProcessCli.RunAsync(db, args);

    private async Task<JsonElement> ExportGeoJsonAsync(params string[] options)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.geojson");
        var (exit, _, err) = await Run(["export", .. options, "--out", path]);
        Assert.True(exit == CliRunner.Ok, err);
        return JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
    }

    private static Coordinate[] Exterior(JsonElement feature) =>
        feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray()
            .Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray();

    [Fact]
    public async Task Grids_of_one_street_are_rfc7946_with_the_stored_properties()
    {
        var json = await ExportGeoJsonAsync("--what", "grids", "--street", $"{County}001");
        Assert.False(json.TryGetProperty("crs", out _));
        var stored = (await new PlanStore(db.DataSource).GetCurrentGridsAsync(new GridFilter()))
            .Where(g => g.Grid.CommunityCode.StartsWith(County, StringComparison.Ordinal)).ToDictionary(g => g.Grid.Code, g => g.Grid);
        var features = json.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(stored.Keys.Order(), features.Select(f => f.GetProperty("id").GetString()!).Order());
        foreach (var f in features)
        {
            var grid = stored[f.GetProperty("id").GetString()!];
            var p = f.GetProperty("properties");
            Assert.Equal(grid.Households, p.GetProperty("households").GetInt32());
            Assert.Equal(grid.Buildings, p.GetProperty("buildings").EnumerateArray().Select(b => b.GetString()!).ToList());
            var ring = Exterior(f);
            Assert.True(Orientation.IsCCW(ring), $"the exterior ring of {grid.Code} is not counter-clockwise");
            // The written ring is the stored one, to the 7 decimals RFC 7946 output keeps.
            var written = GeoFactory.Wgs84.CreatePolygon(ring);
            Assert.True(written.SymmetricDifference(grid.Boundary).Area < 1e-12, $"{grid.Code} was written with another shape");
            foreach (var c in f.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray())
            foreach (var v in new[] { c[0].GetRawText(), c[1].GetRawText() })
                Assert.True(!v.Contains('.') || v.Length - v.IndexOf('.') - 1 <= 7, $"{v} has more than 7 decimals");
        }
    }

    [Fact]
    public async Task A_community_filter_and_gcj02_offset_every_vertex_and_say_so()
    {
        var community = TestBundle.CommunityCode(County, 1);
        var wgs = await ExportGeoJsonAsync("--what", "grids", "--community", community);
        var gcj = await ExportGeoJsonAsync("--what", "grids", "--community", community, "--crs", "gcj02");
        Assert.Equal("gcj02", gcj.GetProperty("coordinate_system").GetString());
        Assert.Equal([$"{community}001", $"{community}002"], wgs.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).Order().ToArray());
        var plain = wgs.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, Exterior);
        foreach (var f in gcj.GetProperty("features").EnumerateArray())
        {
            Assert.Equal("gcj02", f.GetProperty("properties").GetProperty("coordinate_system").GetString());
            var original = plain[f.GetProperty("id").GetString()!];
            var shifted = Exterior(f);
            Assert.Equal(original.Length, shifted.Length);
            for (var i = 0; i < original.Length; i++)
            {
                var expected = CoordinateConverter.FromWgs84(original[i].X, original[i].Y, CoordinateSystem.Gcj02);
                Assert.InRange(Math.Abs(expected.Lon - shifted[i].X), 0, 2e-7); // both sides rounded to 7 decimals: about 2 cm
                Assert.InRange(Math.Abs(expected.Lat - shifted[i].Y), 0, 2e-7);
            }
        }
    }

    [Fact]
    public async Task Households_csv_of_one_street_gives_every_household_its_grid()
    {
        var path = Path.Combine(_dir, "households.csv");
        var (exit, _, err) = await Run("export", "--what", "households-csv", "--street", $"{County}001", "--out", path);
        Assert.True(exit == CliRunner.Ok, err);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal("household_id,building_id,unit,floor,community_code,grid_code,liaison_unit_code", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(TestBundle.TotalHouseholds(), rows.Count);
        var members = TestGrids.HalvesOf(County).SelectMany(g => g.Buildings.Select(b => (Building: b, g.Code))).ToDictionary(x => x.Building, x => x.Code);
        Assert.All(rows, r => Assert.Equal(members[r[1]], r[5]));
    }

    [Theory]
    [InlineData("--community", "12")]
    [InlineData("--street", "abc")]
    [InlineData("--crs", "bd09")]
    public async Task A_bad_option_exits_2_naming_it(string option, string value)
    {
        var (exit, _, err) = await Run("export", "--what", "grids", option, value, "--out", Path.Combine(_dir, "bad.geojson"));
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains(option, err);
        Assert.False(File.Exists(Path.Combine(_dir, "bad.geojson")));
    }

    [Fact]
    public async Task Grids_export_as_GeoPackage_and_zipped_shapefile_in_a_Gauss_Kruger_zone()
    {
        // County 410101 starts at 105.05°E: CGCS2000 3° zone CM 105E (EPSG:4544).
        var gpkg = Path.Combine(_dir, "grids.gpkg");
        var (exit, output, err) = await Run("export", "--format", "gpkg", "--crs", "EPSG:4544", "--street", $"{County}001", "--out", gpkg);
        Assert.True(exit == CliRunner.Ok, err);
        Assert.Contains("exported 4 grids (gpkg, EPSG:4544)", output);
        var read = IO.Layers.GeoPackageLayerReader.Read(gpkg, "grids", null);
        Assert.Equal(4544, read.System!.Epsg);
        Assert.All(read.Features, f => Assert.StartsWith($"{County}001", f.RequiredString("code")));

        var zip = Path.Combine(_dir, "grids.shp.zip");
        (exit, output, err) = await Run("export", "--format", "shp", "--crs", "EPSG:4544", "--out", zip);
        Assert.True(exit == CliRunner.Ok, err);
        Assert.Contains("exported 8 grids (shp, EPSG:4544)", output);
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
        Assert.Equal(["grids.cpg", "grids.dbf", "grids.prj", "grids.shp", "grids.shx", "grids_buildings.csv"], archive.Entries.Select(e => e.Name).Order());
    }

    [Theory]
    [InlineData("geojson", "EPSG:4545", "needs --format gpkg or shp")]
    [InlineData("gpkg", "EPSG:3857", "EPSG:4491–4554")]
    public async Task A_crs_the_format_cannot_hold_exits_2_naming_crs(string format, string crs, string rule)
    {
        var (exit, _, err) = await Run("export", "--format", format, "--crs", crs, "--out", Path.Combine(_dir, "x." + format));
        Assert.Equal(2, exit);
        Assert.Contains("--crs", err);
        Assert.Contains(rule, err);
    }
}

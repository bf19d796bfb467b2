using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using GridGeo.Core.Model;
using GridGeo.IO.Layers;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using NetTopologySuite.Algorithm.Distance;

namespace GridGeo.Api.Tests.Export;

/// <summary>
/// <c>GET /api/export/{layer}.gpkg</c> and <c>.shp.zip</c> against a seeded database: GDAL's ogrinfo reads them with
/// their CRS, counts and Chinese names, and GridGeo's readers read back the stored grids — codes, households, member
/// lists, outlines within a centimetre.
/// </summary>
public sealed class GisExportApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>, IAsyncLifetime
{
    private const string County = "230101"; // west edge 105.05°E: CGCS2000 3° zone CM 105E, EPSG:4544
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-gis-export-").FullName;
    private long _plan;

    public async Task InitializeAsync()
    {
        _plan = await api.SeedPublishedPlanAsync(County);
        var grid = TestGrids.HalvesOf(County)[0];
        await new PlanStore(api.Database.DataSource).SaveLiaisonUnitsAsync(_plan,
            [new LiaisonUnit(grid.Code + "001", grid.Code, 5, Enumerable.Range(1, 5).Select(h => $"h{h}").ToList(), null)]);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private async Task<string> DownloadAsync(string url, string file)
    {
        var response = await api.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var path = Path.Combine(_dir, file);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    private async Task AssertStoredGridsAsync(IReadOnlyList<IO.GeoJson.FeatureRecord> read, Func<IO.GeoJson.FeatureRecord, IReadOnlyList<string>> buildings)
    {
        var stored = (await new PlanStore(api.Database.DataSource).GetCurrentGridsAsync(new GridFilter())).Select(s => s.Grid).OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(stored.Select(g => g.Code), read.Select(f => f.RequiredString("code")));
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(stored[i].Households, read[i].OptionalInt("households"));
            Assert.Equal(stored[i].Buildings, buildings(read[i]));
            Assert.True(DiscreteHausdorffDistance.Distance(stored[i].Boundary, read[i].Geometry) < 1e-7, $"grid {stored[i].Code} moved by more than 1 cm");
        }
    }

    [Fact]
    public async Task Grids_gpkg_in_a_Gauss_Kruger_zone_reads_back_as_the_stored_grids()
    {
        var path = await DownloadAsync("/api/export/grids.gpkg?crs=EPSG:4544", "grids.gpkg");
        var info = Ogrinfo("-ro", "-so", path, "grids");
        Assert.Contains("Feature Count: 4", info);
        Assert.Contains("ID[\"EPSG\",4544]", info);
        var read = GeoPackageLayerReader.Read(path, "grids", null);
        Assert.Equal(4544, read.System!.Epsg);
        await AssertStoredGridsAsync(read.Features, f => JsonSerializer.Deserialize<string[]>(f.RequiredString("buildings"))!);
    }

    [Fact]
    public async Task Grids_shp_zip_holds_a_UTF8_shapefile_GDAL_reads_and_the_member_lists()
    {
        var zip = await DownloadAsync("/api/export/grids.shp.zip?crs=EPSG:4544&street=230101001", "grids.shp.zip");
        var info = Ogrinfo("-ro", "-so", "/vsizip/" + zip + "/grids.shp", "grids");
        Assert.Contains("Feature Count: 4", info);
        Assert.Contains("ID[\"EPSG\",4544]", info);
        var dir = Path.Combine(_dir, "grids-shp");
        ZipFile.ExtractToDirectory(zip, dir);
        Assert.Equal("UTF-8", File.ReadAllText(Path.Combine(dir, "grids.cpg")));
        var members = File.ReadLines(Path.Combine(dir, "grids_buildings.csv")).Skip(1).Select(IO.Csv.CsvLine.Split)
            .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Select(r => r[1]).ToList());
        await AssertStoredGridsAsync(ShapefileLayerReader.Read(Path.Combine(dir, "grids.shp"), null).Features,
            f => members.GetValueOrDefault(f.RequiredString("code")) ?? []);
    }

    [Fact]
    public async Task Chinese_names_survive_both_formats_and_the_default_crs_is_CGCS2000()
    {
        var gpkg = await DownloadAsync("/api/export/communities.gpkg", "communities.gpkg");
        var zip = await DownloadAsync("/api/export/communities.shp.zip", "communities.shp.zip");
        foreach (var source in new[] { gpkg, "/vsizip/" + zip + "/communities.shp" })
        {
            var all = Ogrinfo("-ro", "-al", "-geom=NO", source);
            Assert.Contains("ID[\"EPSG\",4490]", all);
            Assert.Contains("= 社区1", all);
            Assert.Contains("= 社区2", all);
        }
    }

    [Fact]
    public async Task Liaison_units_without_an_outline_export_in_both_formats()
    {
        var gpkg = await DownloadAsync("/api/export/liaison-units.gpkg", "liaison_units.gpkg");
        Assert.Contains("Feature Count: 1", Ogrinfo("-ro", "-so", gpkg, "liaison_units"));
        var zip = await DownloadAsync("/api/export/liaison-units.shp.zip", "liaison_units.shp.zip");
        Assert.Contains("Feature Count: 1", Ogrinfo("-ro", "-so", "/vsizip/" + zip + "/liaison_units.shp", "liaison_units"));
        using var archive = ZipFile.OpenRead(zip);
        var csv = archive.GetEntry("liaison_units_members.csv")!;
        using var reader = new StreamReader(csv.Open());
        Assert.Equal(6, reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 5 households
    }

    [Theory]
    [InlineData("/api/export/grids.gpkg?crs=EPSG:3857")]
    [InlineData("/api/export/grids.shp.zip?crs=gcj02")]
    public async Task An_unknown_crs_is_a_400_naming_crs(string url)
    {
        var response = await api.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("crs", json.GetProperty("parameter").GetString());
        Assert.Contains("4491", json.GetProperty("detail").GetString());
    }

    private static string Ogrinfo(params string[] args)
    {
        var info = new ProcessStartInfo("ogrinfo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ogrinfo is not installed: run scripts/ensure-gdal.sh");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ogrinfo {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout;
    }
}

using System.Diagnostics;
using System.Text.Json;
using GridGeo.Storage.Plans;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Ogc;

/// <summary>
/// GDAL's OGC API – Features driver (Debian <c>gdal-bin</c>: <c>ogrinfo</c>, <c>ogr2ogr</c>; <c>scripts/ensure-gdal.sh</c>
/// installs it) reads <c>/ogc</c> of the running service, and what it reads agrees with the database: the layers,
/// the feature counts, and every building's id, households and position after paging.
/// </summary>
public sealed class GdalOapifTests(LiveGridGeo live) : IClassFixture<LiveGridGeo>
{
    private string Source => $"OAPIF:{live.Url}/ogc";

    [Fact]
    public async Task Ogrinfo_lists_every_collection_and_counts_the_grids_as_stored()
    {
        var layers = await RunAsync("ogrinfo", "-ro", Source);
        foreach (var name in new[] { "grids", "liaison-units", "buildings", "dedicated-areas", "communities" })
            Assert.Contains($": {name} ", layers);

        var summary = await RunAsync("ogrinfo", "-ro", "-so", Source, "grids");
        var stored = await new PlanStore(live.Database.DataSource).GetCurrentGridsAsync(new GridFilter());
        Assert.Contains($"Feature Count: {stored.Count}", summary);
    }

    [Fact]
    public async Task Ogr2ogr_pages_through_every_building_with_its_attributes_and_position()
    {
        var output = Path.Combine(TestBundle.NewFolder(), "buildings.json");
        await RunAsync("ogr2ogr", "-f", "GeoJSON", "-oo", "PAGE_SIZE=3", output, Source, "buildings");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var read = doc.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("properties").GetProperty("id").GetString()!,
            f => (Households: f.GetProperty("properties").GetProperty("households").GetInt32(),
                  X: f.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(),
                  Y: f.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble()));

        var stored = new Dictionary<string, (int Households, double X, double Y)>();
        await using (var cmd = live.Database.DataSource.CreateCommand("select id, households, st_x(location), st_y(location) from buildings"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) stored[r.GetString(0)] = (r.GetInt32(1), r.GetDouble(2), r.GetDouble(3));

        Assert.Equal(stored.Keys.Order(), read.Keys.Order());
        foreach (var (id, s) in stored)
        {
            Assert.Equal(s.Households, read[id].Households);
            Assert.Equal(s.X, read[id].X, 7);
            Assert.Equal(s.Y, read[id].Y, 7);
        }
    }

    [Fact]
    public async Task Ogr2ogr_reads_the_grids_with_their_codes_and_households()
    {
        var output = Path.Combine(TestBundle.NewFolder(), "grids.json");
        await RunAsync("ogr2ogr", "-f", "GeoJSON", output, Source, "grids");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var read = doc.RootElement.GetProperty("features").EnumerateArray()
            .ToDictionary(f => f.GetProperty("properties").GetProperty("code").GetString()!, f => f.GetProperty("properties").GetProperty("households").GetInt32());
        var stored = await new PlanStore(live.Database.DataSource).GetCurrentGridsAsync(new GridFilter());
        Assert.Equal(stored.ToDictionary(g => g.Grid.Code, g => g.Grid.Households), read);
    }

    [Fact]
    public async Task Ogr2ogr_with_a_spatial_filter_reads_exactly_the_buildings_in_the_box_and_grid_shapes_as_stored()
    {
        // The west half of the county's first community: the buildings whose position is in it, no others.
        var (minX, minY) = (TestBundle.WestOf(LiveGridGeo.County), TestBundle.South);
        var (maxX, maxY) = (minX + 0.005, minY + 0.01);
        var box = new[] { minX, minY, maxX, maxY }.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var output = Path.Combine(TestBundle.NewFolder(), "west.json");
        await RunAsync("ogr2ogr", ["-f", "GeoJSON", "-spat", .. box, output, Source, "buildings"]);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var read = doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("id").GetString()!).Order().ToList();

        var stored = new List<string>();
        await using (var cmd = live.Database.DataSource.CreateCommand(
                         "select id from buildings where location && st_makeenvelope(@minx, @miny, @maxx, @maxy, 4326) order by id"))
        {
            cmd.Parameters.AddWithValue("minx", minX);
            cmd.Parameters.AddWithValue("miny", minY);
            cmd.Parameters.AddWithValue("maxx", maxX);
            cmd.Parameters.AddWithValue("maxy", maxY);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) stored.Add(r.GetString(0));
        }
        Assert.NotEmpty(stored);
        Assert.Equal(stored.Order(), read);

        var grids = Path.Combine(TestBundle.NewFolder(), "grids.json");
        await RunAsync("ogr2ogr", "-f", "GeoJSON", grids, Source, "grids");
        using var gridsDoc = JsonDocument.Parse(await File.ReadAllTextAsync(grids));
        var shapes = await new PlanStore(live.Database.DataSource).GetCurrentGridsAsync(new GridFilter());
        foreach (var f in gridsDoc.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = f.GetProperty("properties").GetProperty("code").GetString()!;
            var shape = GridGeo.IO.GeoJson.GeoJsonGeometry.Read(f.GetProperty("geometry"));
            Assert.True(shape.SymmetricDifference(shapes.Single(g => g.Grid.Code == code).Grid.Boundary).Area < 1e-12, $"GDAL read grid {code} with another shape");
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed: run scripts/ensure-gdal.sh (Debian gdal-bin) ({ex.Message})");
        }
        using var _ = process;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}

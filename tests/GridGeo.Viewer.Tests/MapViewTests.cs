using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Core.Model;
using Microsoft.Playwright;

namespace GridGeo.Viewer.Tests;

/// <summary>One API over the sample district and one Chromium, shared by the tests that only read.</summary>
public sealed class ReadOnlyViewerFixture : IAsyncLifetime
{
    public ViewerHost Host { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ViewerHost.StartAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await MapPage.LaunchAsync(Playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
    }
}

public class MapViewTests(ReadOnlyViewerFixture fixture) : IClassFixture<ReadOnlyViewerFixture>
{
    private Task<MapPage> OpenAsync() => MapPage.OpenAsync(fixture.Browser, fixture.Host.BaseUrl, SampleDistrict.Specs.Length);

    private static (double Lon, double Lat) InteriorOf(SampleDistrict.GridSpec spec) => SampleDistrict.ClickPointOf(spec);

    [Fact]
    public async Task The_map_draws_each_grid_in_the_legend_colour_of_its_households_against_the_bounds()
    {
        var map = await OpenAsync();
        await map.ScreenshotAsync("map-grids");

        var pixels = await map.GridPixelsByLegendColourAsync();

        // The view shows all four grids, each about a quarter of the drawn area.
        var total = pixels.Values.Sum();
        Assert.True(total > 20_000, $"only {total} grid pixels were drawn");
        foreach (var (legend, why) in new[] { ("under", "001 has 240"), ("in", "002 has 405"), ("over", "003 has 630") })
        {
            Assert.True(pixels.GetValueOrDefault(legend) > total / 8, $"grid {why} households, but only {pixels.GetValueOrDefault(legend)} of {total} pixels are in the '{legend}' colour");
        }
        var school = pixels.Where(p => p.Key.Contains("school")).Sum(p => p.Value);
        Assert.True(school > total / 8, $"the dedicated school grid has only {school} of {total} pixels in its kind's colour");
    }

    public static TheoryData<int> GridIndexes => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(GridIndexes))]
    public async Task Clicking_a_grid_shows_its_code_households_and_neighbours_as_the_API_has_them(int index)
    {
        var spec = SampleDistrict.Specs[index];
        var expected = SampleDistrict.Grids()[index];
        var map = await OpenAsync();
        var (lon, lat) = InteriorOf(spec);

        await map.ClickAtAsync(lon, lat);
        await map.WaitForPanelAsync(spec.Code);
        await map.ScreenshotAsync($"grid-{spec.Code[^3..]}");

        Assert.Equal(expected.Households.ToString(), await map.FieldAsync("households"));
        Assert.Equal(expected.Buildings.Count.ToString(), await map.FieldAsync("buildings"));
        Assert.Contains(spec.Kind == GridKinds.Dedicated ? "dedicated" : "basic", await map.FieldAsync("kind"));
        using var http = new HttpClient();
        var api = await http.GetFromJsonAsync<JsonElement>($"{fixture.Host.BaseUrl}/api/grids/{spec.Code}");
        var neighbours = api.GetProperty("properties").GetProperty("neighbours").EnumerateArray().Select(n => n.GetProperty("code").GetString()!).ToList();
        var shown = await map.Page.Locator("#panel [data-field=neighbours] button").AllInnerTextsAsync();
        Assert.Equal(neighbours, shown);
    }

    [Fact]
    public async Task A_basic_grid_outside_the_bounds_is_warned_about_in_words()
    {
        var over = SampleDistrict.Specs[2];
        var map = await OpenAsync();
        var (lon, lat) = InteriorOf(over);

        await map.ClickAtAsync(lon, lat);
        await map.WaitForPanelAsync(over.Code);

        Assert.Contains($"grid {over.Code} has 630 households, above the maximum 500", await map.FieldAsync("warnings"));
    }

    [Fact]
    public async Task The_coordinate_box_finds_the_grid_that_holds_a_point()
    {
        var target = SampleDistrict.Specs[1];
        var map = await OpenAsync();
        var (lon, lat) = InteriorOf(target);

        await map.Page.FillAsync("#coord-input", $"{lon:F6},{lat:F6}");
        await map.Page.SelectOptionAsync("#coord-crs", "wgs84");
        await map.Page.ClickAsync("#coord-form button");
        await map.WaitForPanelAsync(target.Code);
        await map.ScreenshotAsync("coordinate-box");

        Assert.Equal(target.Code, await map.FieldAsync("code"));
    }

    [Fact]
    public async Task Clicking_outside_every_grid_says_so()
    {
        var map = await OpenAsync();

        await map.ClickAtAsync(SampleDistrict.West + 2.3 * SampleDistrict.Cell, SampleDistrict.South + SampleDistrict.Cell);
        await map.Page.WaitForSelectorAsync("#panel [data-field=message]");

        Assert.Contains("Outside every grid", await map.FieldAsync("message"));
    }

    /// <summary>Counts the drawn pixels of a layer's canvas (by its class name) with alpha above 100, optionally only those near an RGB colour.</summary>
    private static Task<int> DrawnPixelsAsync(MapPage map, string layerClass, int[]? rgb = null, int[]? box = null) =>
        map.Page.EvaluateAsync<int>("""
            ([cls, rgb, box]) => {
              const canvas = document.querySelector(`.${cls} canvas`);
              if (!canvas) return 0;
              const ratio = canvas.width / canvas.getBoundingClientRect().width;
              const [x0, y0, w, h] = box ? box.map((v) => Math.round(v * ratio)) : [0, 0, canvas.width, canvas.height];
              const d = canvas.getContext('2d').getImageData(x0, y0, w, h).data;
              let n = 0;
              for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] <= 100) continue;
                if (rgb && (d[i] - rgb[0]) ** 2 + (d[i + 1] - rgb[1]) ** 2 + (d[i + 2] - rgb[2]) ** 2 > 60 * 60) continue;
                n++;
              }
              return n;
            }
            """, new object?[] { layerClass, rgb, box });

    [Fact]
    public async Task Liaison_units_are_drawn_only_at_high_zoom_and_the_panel_counts_them_as_the_API_does()
    {
        var spec = SampleDistrict.Specs[2];
        var map = await OpenAsync();
        var (lon, lat) = InteriorOf(spec);
        await map.ClickAtAsync(lon, lat);
        await map.WaitForPanelAsync(spec.Code);
        using var http = new HttpClient();
        var api = await http.GetFromJsonAsync<JsonElement>($"{fixture.Host.BaseUrl}/api/grids/{spec.Code}");
        var units = api.GetProperty("properties").GetProperty("liaison_units").GetInt32();
        Assert.True(units >= 2, $"grid {spec.Code} has {units} liaison units: the sample should have some");
        Assert.Equal(units.ToString(), await map.FieldAsync("liaison_units"));

        // At the district's zoom the layer is off; at street level it loads and draws in its purple.
        Assert.Equal(0, await DrawnPixelsAsync(map, "gridgeo-liaison"));
        await map.ZoomToAsync(lon, lat, 18);
        await map.Page.WaitForFunctionAsync("() => Number(document.querySelector('#map').dataset.liaisonunitsLoaded) > 0");
        await map.RenderedAsync();
        await map.ScreenshotAsync("liaison-units");
        var purple = await DrawnPixelsAsync(map, "gridgeo-liaison", [0x5b, 0x2a, 0x86]);
        Assert.True(purple > 500, $"only {purple} liaison unit pixels were drawn at zoom 18");
    }

    [Fact]
    public async Task Buildings_are_drawn_larger_the_more_households_they_have()
    {
        var map = await OpenAsync();
        // 003's buildings have 70 households each, 001's 40: the same zoom, boxes of the same size around one of each.
        var big = SampleDistrict.BuildingsOf(SampleDistrict.Specs[2]).First();
        var small = SampleDistrict.BuildingsOf(SampleDistrict.Specs[0]).First();
        await map.ZoomToAsync((big.Location.X + small.Location.X) / 2, (big.Location.Y + small.Location.Y) / 2, 16);
        await map.Page.WaitForFunctionAsync("() => Number(document.querySelector('#map').dataset.buildingsLoaded) > 0");
        await map.RenderedAsync();
        async Task<int> AreaAround(double lon, double lat)
        {
            var px = await map.Page.EvaluateAsync<double[]>("([lon, lat]) => window.gridgeo.pixelOf(lon, lat)", new[] { lon, lat });
            return await DrawnPixelsAsync(map, "gridgeo-buildings", null, [(int)px[0] - 22, (int)px[1] - 22, 44, 44]);
        }
        var bigArea = await AreaAround(big.Location.X, big.Location.Y);
        var smallArea = await AreaAround(small.Location.X, small.Location.Y);
        await map.ScreenshotAsync("buildings-sized");
        Assert.True(smallArea > 50, $"the building of 40 households drew only {smallArea} pixels");
        Assert.True(bigArea > smallArea * 1.25, $"a building of 70 households drew {bigArea} pixels, one of 40 drew {smallArea}");
    }

    [Fact]
    public async Task The_legend_names_the_bounds_the_dedicated_kinds_and_the_symbols()
    {
        var map = await OpenAsync();
        var legend = await map.Page.InnerTextAsync("#legend");
        foreach (var text in new[] { "< 300", "300–500", "> 500", "学校 school", "公园 park", "community", "building", "liaison unit", "locked", "changed" })
            Assert.Contains(text, legend);
    }

    [Fact]
    public async Task The_map_works_offline_with_no_basemap_and_asks_nothing_of_other_hosts()
    {
        var page = await fixture.Browser.NewPageAsync();
        var foreign = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(fixture.Host.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) foreign.Add(r.Url);
        };
        await page.GotoAsync(fixture.Host.BaseUrl + "/");
        await page.WaitForFunctionAsync("n => document.querySelector('#map')?.dataset.gridsLoaded === String(n)", SampleDistrict.Specs.Length);
        var map = new MapPage(page);
        await map.RenderedAsync();
        Assert.Empty(foreign);
        Assert.Equal(0, await page.Locator(".gridgeo-basemap").CountAsync());
        Assert.True(await DrawnPixelsAsync(map, "gridgeo-grids") > 20_000);
    }

    [Fact]
    public async Task The_address_box_finds_a_door_plate_and_selects_its_grid()
    {
        var spec = SampleDistrict.Specs[1];
        var building = SampleDistrict.BuildingsOf(spec).Skip(4).First();
        var map = await OpenAsync();
        await map.Page.FillAsync("#address-input", building.Address!);
        await map.Page.ClickAsync("#address-form button");
        await map.WaitForPanelAsync(spec.Code);
        await map.ScreenshotAsync("address-box");
        Assert.Contains(building.Address!, await map.Page.InnerTextAsync("#results"));
        Assert.Equal(spec.Code, await map.FieldAsync("code"));
    }

    [Fact]
    public async Task Each_grid_is_labelled_with_its_code_in_dark_text_at_its_centre()
    {
        var map = await OpenAsync();
        foreach (var spec in SampleDistrict.Specs)
        {
            var centre = SampleDistrict.BoundaryOf(spec).InteriorPoint;
            var corner = (centre.X - SampleDistrict.Cell * 0.3, centre.Y + SampleDistrict.Cell * 0.3);
            var px = await map.Page.EvaluateAsync<double[]>("([lon, lat]) => window.gridgeo.pixelOf(lon, lat)", new[] { centre.X, centre.Y });
            var cx = await map.Page.EvaluateAsync<double[]>("([lon, lat]) => window.gridgeo.pixelOf(lon, lat)", new[] { corner.Item1, corner.Item2 });
            // The label's near-black text (#1b1b1b) at the centre; none in a box of the same size near the grid's corner.
            var atCentre = await DrawnPixelsAsync(map, "gridgeo-grids", [0x1b, 0x1b, 0x1b], [(int)px[0] - 70, (int)px[1] - 20, 140, 40]);
            var offCentre = await DrawnPixelsAsync(map, "gridgeo-grids", [0x1b, 0x1b, 0x1b], [(int)cx[0] - 70, (int)cx[1] - 20, 140, 40]);
            Assert.True(atCentre > 150, $"grid {spec.Code}: only {atCentre} dark label pixels at its centre");
            Assert.True(offCentre < atCentre / 10, $"grid {spec.Code}: {offCentre} dark pixels away from the label, {atCentre} at it");
        }
        var labels = await map.Page.EvaluateAsync<string[]>("""
            () => {
              const layer = window.gridgeo.viewer.layers.grids;
              const resolution = window.gridgeo.viewer.map.getView().getResolution();
              return layer.getSource().getFeatures().map((f) => layer.getStyleFunction()(f, resolution).getText().getText()).sort();
            }
            """);
        Assert.Equal(SampleDistrict.Specs.Select(s => s.Code).Order(), labels.Select(l => l.Split('\n')[0]));
    }
}

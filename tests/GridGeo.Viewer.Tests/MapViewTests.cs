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
}

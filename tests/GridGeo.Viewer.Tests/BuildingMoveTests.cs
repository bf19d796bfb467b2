using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace GridGeo.Viewer.Tests;

/// <summary>
/// Moving buildings in the browser through <c>POST /api/grids/{code}/moves</c>. Each test writes, so each has
/// its own API and database.
/// </summary>
public sealed class BuildingMoveTests : WritingBrowserTests
{
    // Grid 003 (SW, 630 households, over) and grid 001 north of it (240, under); building 003-12 is the
    // middle building of 003's northern row, next to their shared edge, with 70 households.
    private static readonly SampleDistrict.GridSpec Over = SampleDistrict.Specs[2];
    private static readonly SampleDistrict.GridSpec Under = SampleDistrict.Specs[0];
    private const string NearEdge = "003-12";

    private static (double Lon, double Lat) LocationOf(string buildingId)
    {
        var b = SampleDistrict.Specs.SelectMany(SampleDistrict.BuildingsOf).Single(x => x.Id == buildingId);
        return (b.Location.X, b.Location.Y);
    }

    /// <summary>Opens the map, selects grid 003 and picks one of its buildings at building zoom.</summary>
    private async Task<MapPage> PickBuildingOfOverGridAsync(string buildingId)
    {
        var map = await MapPage.OpenAsync(browser, host.BaseUrl, SampleDistrict.Specs.Length);
        await map.SignInAsync(await host.CreatePlannerKeyAsync());
        var grid = SampleDistrict.BoundaryOf(Over).InteriorPoint;
        await map.ClickAtAsync(grid.X + 0.002, grid.Y - 0.002);
        await map.WaitForPanelAsync(Over.Code);
        await map.Page.WaitForSelectorAsync("#edit:not([hidden])");

        var (lon, lat) = LocationOf(buildingId);
        await map.ZoomToAsync(lon, lat, 17);
        await map.Page.WaitForFunctionAsync("() => Number(document.querySelector('#map').dataset.buildingsLoaded) > 0");
        await map.RenderedAsync();
        await map.ClickAtAsync(lon, lat);
        await map.Page.WaitForSelectorAsync("#edit [data-field=picked]:has-text('picked 1 buildings')");
        await map.Page.SelectOptionAsync("#edit [data-field=target]", Under.Code);
        return map;
    }

    private async Task<int> HouseholdsFromApiAsync(string code)
    {
        using var http = new HttpClient();
        var grid = await http.GetFromJsonAsync<JsonElement>($"{host.BaseUrl}/api/grids/{code}");
        return grid.GetProperty("properties").GetProperty("households").GetInt32();
    }

    private Task WaitForPanelHouseholdsAsync(MapPage map, int households) =>
        map.Page.WaitForFunctionAsync("h => document.querySelector('#panel [data-field=households]')?.textContent === String(h)", households);

    [Fact]
    public async Task Moving_a_building_shows_the_counts_before_and_after_then_updates_them_and_undo_restores_them()
    {
        var map = await PickBuildingOfOverGridAsync(NearEdge);

        Assert.Contains("70 households", await map.FieldAsync("picked", "#edit"));
        Assert.Contains("630 → 560", await map.Page.InnerTextAsync($"#edit [data-count='{Over.Code}']"));
        Assert.Contains("240 → 310", await map.Page.InnerTextAsync($"#edit [data-count='{Under.Code}']"));
        await map.ScreenshotAsync("move-1-picked");

        await map.Page.ClickAsync("#edit [data-action=move]");
        await WaitForPanelHouseholdsAsync(map, 560);
        await map.RenderedAsync();
        await map.ScreenshotAsync("move-2-moved");

        Assert.Equal(560, await HouseholdsFromApiAsync(Over.Code));
        Assert.Equal(310, await HouseholdsFromApiAsync(Under.Code));
        Assert.Contains("moved 1 buildings", await map.FieldAsync("edit-message", "#edit"));

        await map.Page.ClickAsync("#edit [data-action=undo]");
        await WaitForPanelHouseholdsAsync(map, 630);
        await map.RenderedAsync();
        await map.ScreenshotAsync("move-3-undone");

        Assert.Equal(630, await HouseholdsFromApiAsync(Over.Code));
        Assert.Equal(240, await HouseholdsFromApiAsync(Under.Code));
    }

    [Fact]
    public async Task A_move_on_a_grid_someone_else_changed_meanwhile_is_refused_and_explained_in_words()
    {
        var map = await PickBuildingOfOverGridAsync(NearEdge);

        // Another planner moves a different building of grid 003 after this page read it.
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", await host.CreatePlannerKeyAsync());
            var read = await http.GetAsync($"{host.BaseUrl}/api/grids/{Over.Code}");
            var request = new HttpRequestMessage(HttpMethod.Post, $"{host.BaseUrl}/api/grids/{Over.Code}/moves")
            {
                Content = JsonContent.Create(new { buildings = new[] { "003-02" }, to = Under.Code }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
            var moved = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        await map.Page.ClickAsync("#edit [data-action=move]");
        await map.Page.WaitForSelectorAsync("#edit [data-field=edit-message]:has-text('changed after you read it')");
        await map.ScreenshotAsync("move-412-explained");

        Assert.Equal(560, await HouseholdsFromApiAsync(Over.Code));
        await WaitForPanelHouseholdsAsync(map, 560);
    }

    [Fact]
    public async Task A_box_picks_every_building_of_the_grid_inside_it_and_shows_the_counts_it_would_give()
    {
        var map = await MapPage.OpenAsync(browser, host.BaseUrl, SampleDistrict.Specs.Length);
        await map.SignInAsync(await host.CreatePlannerKeyAsync());
        var (lon, lat) = SampleDistrict.ClickPointOf(Over);
        await map.ClickAtAsync(lon, lat);
        await map.WaitForPanelAsync(Over.Code);
        await map.Page.WaitForFunctionAsync("() => Number(document.querySelector('#map').dataset.buildingsLoaded) > 0");
        await map.RenderedAsync();

        // A box over 003's northern row (003-02, 003-12, 003-22) that also reaches into 001: only 003's buildings are picked.
        var row = SampleDistrict.BuildingsOf(Over).Where(b => b.Id.EndsWith('2')).ToList();
        var west = SampleDistrict.West + 0.0005;
        var east = SampleDistrict.West + SampleDistrict.Cell - 0.0005;
        var south = row[0].Location.Y - 0.0008;
        var north = SampleDistrict.South + SampleDistrict.Cell + 0.003;
        await map.Page.ClickAsync("#edit [data-action=box]");
        await map.DragAsync((west, north), (east, south));
        await map.Page.WaitForSelectorAsync("#edit [data-field=picked]:has-text('picked 3 buildings')");
        await map.ScreenshotAsync("move-box-picked");

        Assert.Contains("210 households", await map.FieldAsync("picked", "#edit"));
        Assert.Contains("630 → 420", await map.Page.InnerTextAsync($"#edit [data-count='{Over.Code}']"));
        Assert.Contains("240 → 450", await map.Page.InnerTextAsync($"#edit [data-count='{Under.Code}']"));
        var picked = await map.Page.EvaluateAsync<string[]>("() => [...window.gridgeo.viewer.layers.selectedBuildings].sort()");
        Assert.Equal(row.Select(b => b.Id).Order(), picked);
    }
}

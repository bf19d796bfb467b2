using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Storage.Auth;
using Microsoft.Playwright;

namespace GridGeo.Viewer.Tests;

/// <summary>
/// The grid editing tools in the browser: signing in, lock, merge, split by a drawn line, redrawing a boundary by
/// dragging a shared edge (with snapping), undo, and refusals put in words. Each test writes, so each has its own
/// API and database.
/// </summary>
public sealed class EditToolsTests : WritingBrowserTests
{
    // 001 NW (240, under), 002 NE (405, in), 003 SW (630, over), 004 SE (school).
    private static readonly SampleDistrict.GridSpec Nw = SampleDistrict.Specs[0];
    private static readonly SampleDistrict.GridSpec Ne = SampleDistrict.Specs[1];
    private static readonly SampleDistrict.GridSpec Sw = SampleDistrict.Specs[2];

    /// <summary>Opens the map, signs in with <paramref name="key"/> (when given) and selects the grid.</summary>
    private async Task<MapPage> OpenAsync(SampleDistrict.GridSpec select, string? key)
    {
        var map = await MapPage.OpenAsync(browser, host.BaseUrl, SampleDistrict.Specs.Length);
        if (key is not null) await map.SignInAsync(key);
        var (lon, lat) = SampleDistrict.ClickPointOf(select);
        await map.ClickAtAsync(lon, lat);
        await map.WaitForPanelAsync(select.Code);
        await map.Page.WaitForSelectorAsync("#edit:not([hidden])");
        return map;
    }

    private async Task<JsonElement?> GridAsync(string code)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"{host.BaseUrl}/api/grids/{code}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("properties");
    }

    private async Task<int> HouseholdsAsync(string code) => (await GridAsync(code))!.Value.GetProperty("households").GetInt32();

    private async Task<List<JsonElement>> CurrentGridsAsync()
    {
        using var http = new HttpClient();
        var all = await http.GetFromJsonAsync<JsonElement>($"{host.BaseUrl}/api/grids?community={SampleDistrict.Community}");
        return all.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
    }

    private static Task WaitForMessageAsync(MapPage map, string text) =>
        map.Page.WaitForSelectorAsync($"#edit [data-field=edit-message]:has-text('{text}')");

    private static Task WaitForPanelHouseholdsAsync(MapPage map, int households) =>
        map.Page.WaitForFunctionAsync("h => document.querySelector('#panel [data-field=households]')?.textContent === String(h)", households);

    [Fact]
    public async Task Without_a_planner_key_the_editor_asks_to_sign_in_and_a_wrong_key_is_refused_in_words()
    {
        var map = await OpenAsync(Sw, key: null);
        Assert.Contains("Sign in with a planner key", await map.FieldAsync("signin-needed", "#edit"));
        Assert.True(await map.Page.IsDisabledAsync("#edit [data-action=lock]"));
        Assert.True(await map.Page.IsDisabledAsync("#edit [data-action=merge]"));

        await map.Page.FillAsync("#signin [data-field=key]", "gg_this-key-was-never-issued-0000000000");
        await map.Page.ClickAsync("#signin button[type=submit]");
        await map.Page.WaitForSelectorAsync("#signin [data-field=signin-message]:has-text('unknown or revoked')");

        var (reader, _) = await host.CreateKeyAsync(ApiRoles.Reader);
        await map.SignInAsync(reader);
        Assert.Contains("reader", await map.FieldAsync("who", "#signin"));
        await map.Page.WaitForSelectorAsync("#edit [data-field=signin-needed]:has-text('reader key: it cannot edit')");
        Assert.True(await map.Page.IsDisabledAsync("#edit [data-action=lock]"));
        await map.ScreenshotAsync("edit-0-reader");

        // The key lasts for the browser session: a reload keeps the planner signed in.
        await map.Page.ClickAsync("#signin [data-action=signout]");
        await map.SignInAsync(await host.CreatePlannerKeyAsync());
        await map.Page.ReloadAsync();
        await map.Page.WaitForSelectorAsync("#signin [data-field=who]:has-text('planner')");
    }

    [Fact]
    public async Task A_planner_of_another_street_and_a_revoked_key_are_told_in_words_why_the_edit_was_not_made()
    {
        var (elsewhere, _) = await host.CreateKeyAsync(ApiRoles.Planner, "999999001");
        var map = await OpenAsync(Sw, elsewhere);
        Assert.Contains("999999001", await map.FieldAsync("who", "#signin"));
        await map.Page.ClickAsync("#edit [data-action=lock]");
        await WaitForMessageAsync(map, "may not make this edit");
        Assert.Contains("999999001", await map.FieldAsync("edit-message", "#edit"));

        await map.Page.ClickAsync("#signin [data-action=signout]");
        var (planner, name) = await host.CreateKeyAsync(ApiRoles.Planner, SampleDistrict.Community[..9]);
        await map.SignInAsync(planner);
        await host.RevokeKeyAsync(name);
        await map.Page.ClickAsync("#edit [data-action=lock]");
        await WaitForMessageAsync(map, "your key was refused");
        await map.ScreenshotAsync("edit-401-explained");
        Assert.False((await GridAsync(Sw.Code))!.Value.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task Locking_shows_the_grid_locked_refuses_a_merge_with_the_reason_and_undo_unlocks_it()
    {
        var map = await OpenAsync(Sw, await host.CreatePlannerKeyAsync());
        await map.Page.ClickAsync("#edit [data-action=lock]");
        await map.Page.WaitForSelectorAsync("#edit [data-field=locked]");
        Assert.True((await GridAsync(Sw.Code))!.Value.GetProperty("locked").GetBoolean());
        Assert.Contains("locked", await map.FieldAsync("edit-message", "#edit"));
        await map.RenderedAsync();
        await map.ScreenshotAsync("edit-1-locked");

        await map.Page.SelectOptionAsync("#edit [data-field=target]", Nw.Code);
        await map.Page.ClickAsync("#edit [data-action=merge]");
        await WaitForMessageAsync(map, "refused");
        // The API's reason, passed on in the planner's words.
        Assert.Contains($"grid {Sw.Code} is locked; unlock it before editing it", await map.FieldAsync("edit-message", "#edit"));
        Assert.NotNull(await GridAsync(Nw.Code));

        await map.Page.ClickAsync("#edit [data-action=undo]");
        await WaitForMessageAsync(map, "undone");
        Assert.False((await GridAsync(Sw.Code))!.Value.GetProperty("locked").GetBoolean());
        await map.Page.WaitForSelectorAsync("#edit [data-action=lock]");
    }

    [Fact]
    public async Task Merging_a_neighbour_leaves_one_grid_with_both_households_and_undo_brings_the_other_back()
    {
        var map = await OpenAsync(Nw, await host.CreatePlannerKeyAsync());
        await map.Page.SelectOptionAsync("#edit [data-field=target]", Sw.Code);
        Assert.Contains("870", await map.FieldAsync("merge-preview", "#edit"));

        await map.Page.ClickAsync("#edit [data-action=merge]");
        await WaitForMessageAsync(map, "merged");
        await WaitForPanelHouseholdsAsync(map, 870);
        Assert.Equal(870, await HouseholdsAsync(Nw.Code));
        Assert.Null(await GridAsync(Sw.Code));
        await map.Page.WaitForFunctionAsync("() => document.querySelector('#map').dataset.gridsLoaded === '3'");
        await map.RenderedAsync();
        await map.ScreenshotAsync("edit-2-merged");

        await map.Page.ClickAsync("#edit [data-action=undo]");
        await WaitForMessageAsync(map, "undone");
        await WaitForPanelHouseholdsAsync(map, 240);
        Assert.Equal(240, await HouseholdsAsync(Nw.Code));
        Assert.Equal(630, await HouseholdsAsync(Sw.Code));
    }

    [Fact]
    public async Task Splitting_by_a_drawn_line_makes_two_grids_that_share_the_buildings_by_side()
    {
        var map = await OpenAsync(Ne, await host.CreatePlannerKeyAsync());
        await map.Page.ClickAsync("#edit [data-action=split]");
        await map.Page.WaitForSelectorAsync("#edit [data-field=mode-hint]");

        // A north–south line through 002 between its western column of buildings and the other two, drawn from just
        // outside its northern edge (outside the community: zoomed out one step so that it is on the map) to just
        // inside the school grid south of it.
        await map.Page.EvaluateAsync("() => { const v = window.gridgeo.viewer.map.getView(); v.setZoom(v.getZoom() - 1); }");
        await map.RenderedAsync();
        var lon = SampleDistrict.West + SampleDistrict.Cell * 1.33;
        var (x1, y1) = await map.ScreenPointAsync(lon, SampleDistrict.South + 2 * SampleDistrict.Cell + 0.001);
        var (x2, y2) = await map.ScreenPointAsync(lon, SampleDistrict.South + SampleDistrict.Cell - 0.001);
        await map.Page.Mouse.ClickAsync(x1, y1);
        await map.Page.Mouse.MoveAsync((x1 + x2) / 2, (y1 + y2) / 2, new MouseMoveOptions { Steps = 5 });
        await map.Page.Mouse.DblClickAsync(x2, y2);
        await WaitForMessageAsync(map, "split");
        await WaitForPanelHouseholdsAsync(map, 270);
        await map.RenderedAsync();
        await map.ScreenshotAsync("edit-3-split");

        var grids = await CurrentGridsAsync();
        Assert.Equal(5, grids.Count);
        Assert.Equal(270, await HouseholdsAsync(Ne.Code));
        var created = grids.Single(g => SampleDistrict.Specs.All(s => s.Code != g.GetProperty("code").GetString()));
        Assert.Equal(135, created.GetProperty("households").GetInt32());
        Assert.Contains(created.GetProperty("code").GetString()!, await map.FieldAsync("edit-message", "#edit"));
        Assert.Equal(1295, grids.Sum(g => g.GetProperty("households").GetInt32()));
    }

    [Fact]
    public async Task Dragging_a_shared_edge_snaps_to_the_community_edge_and_moves_the_buildings_it_now_covers()
    {
        var map = await OpenAsync(Sw, await host.CreatePlannerKeyAsync());
        await map.Page.ClickAsync("#edit [data-action=redraw]");
        await map.Page.WaitForSelectorAsync("#edit [data-field=mode-hint]");

        // Drag the middle of 003's northern edge (shared with 001) up into 001, dropping it 4 px east of the
        // community's western edge: the snap puts the new corner exactly on that edge.
        var shared = SampleDistrict.South + SampleDistrict.Cell;
        var degreesPerPixel = await map.DegreesPerPixelAsync();
        await map.DragAsync((SampleDistrict.West + SampleDistrict.Cell / 2, shared), (SampleDistrict.West + 4 * degreesPerPixel, shared + 0.004));
        await map.Page.WaitForSelectorAsync("#edit[data-redrawn='1']");
        await map.RenderedAsync();
        await map.ScreenshotAsync("edit-4-redraw-dragged");
        var corner = await map.Page.EvaluateAsync<double[][]>("""
            () => {
              const f = window.gridgeo.viewer.layers.sketch.getSource().getFeatures()[0];
              return f.getGeometry().clone().transform('EPSG:3857', 'EPSG:4326').getCoordinates()[0];
            }
            """);
        Assert.Contains(corner, c => c[0] == SampleDistrict.West && c[1] > shared + 0.003);

        await map.Page.ClickAsync("#edit [data-action=save-boundary]");
        await WaitForMessageAsync(map, "redrawn");
        // Building 001-00 (40 households, in 001's south-west corner) now lies in 003.
        await WaitForPanelHouseholdsAsync(map, 670);
        Assert.Equal(670, await HouseholdsAsync(Sw.Code));
        Assert.Equal(200, await HouseholdsAsync(Nw.Code));
        await map.RenderedAsync();
        await map.ScreenshotAsync("edit-5-redrawn");
    }

    [Fact]
    public async Task A_rebalance_is_previewed_as_a_diff_layer_with_counts_before_and_after_and_publishing_makes_it_current()
    {
        var map = await OpenAsync(Sw, await host.CreatePlannerKeyAsync());
        await map.Page.ClickAsync("#rebalance [data-action=preview]");
        await map.Page.WaitForSelectorAsync("#rebalance [data-field=diff-summary], #rebalance [data-field=rebalance-message]:has-text('could not')",
            new PageWaitForSelectorOptions { Timeout = 90_000 });
        Assert.True(await map.Page.IsVisibleAsync("#rebalance [data-field=diff-summary]"), await map.Page.InnerTextAsync("#rebalance"));
        await map.RenderedAsync();
        await map.ScreenshotAsync("rebalance-1-preview");

        // 003 (630, over the maximum) changes and ends in the bounds; nothing is current until published.
        var line = await map.Page.InnerTextAsync($"#rebalance [data-change='{Sw.Code}']");
        Assert.Contains("changed 630 →", line);
        var after = int.Parse(line.Split('→')[1].Trim());
        Assert.InRange(after, 300, 500);
        Assert.Equal(630, await HouseholdsAsync(Sw.Code));

        // The diff layer is drawn: changed grids in its orange.
        var orange = await map.Page.EvaluateAsync<int>("""
            () => {
              const canvas = document.querySelector('.gridgeo-diff canvas');
              const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let n = 0;
              for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 100 && Math.abs(d[i] - 255) < 30 && Math.abs(d[i + 1] - 140) < 40 && d[i + 2] < 60) n++;
              }
              return n;
            }
            """);
        Assert.True(orange > 5_000, $"only {orange} pixels of the diff layer are in the 'changed' colour");

        await map.Page.ClickAsync("#rebalance [data-action=publish]");
        await map.Page.WaitForSelectorAsync("#rebalance [data-field=rebalance-message]:has-text('published')");
        Assert.Equal(after, await HouseholdsAsync(Sw.Code));
        var grids = await CurrentGridsAsync();
        Assert.Equal(1295, grids.Sum(g => g.GetProperty("households").GetInt32()));
        await WaitForPanelHouseholdsAsync(map, after);
        await map.RenderedAsync();
        await map.ScreenshotAsync("rebalance-2-published");
    }
}

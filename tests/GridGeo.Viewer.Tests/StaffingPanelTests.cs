using System.Globalization;
using System.Net.Http.Json;
using GridGeo.Core.Staffing;
using GridGeo.Storage;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Staffing;

namespace GridGeo.Viewer.Tests;

/// <summary>
/// Staffing in the browser: the staffing panel of the selected grid (after signing in), basic grids without a grid worker
/// marked, and open events drawn per grid.
/// </summary>
public sealed class StaffingPanelTests : WritingBrowserTests
{
    private static readonly SampleDistrict.GridSpec Nw = SampleDistrict.Specs[0];
    private static readonly SampleDistrict.GridSpec Ne = SampleDistrict.Specs[1];
    private static string Street => SampleDistrict.Community[..9];

    private async Task<long> AddPersonAsync(string name, string role, params string[] codes)
    {
        await using var dataSource = GridGeoDatabase.Open(new StorageOptions(host.ConnectionString));
        return (await new StaffStore(dataSource).CreateAsync(new StaffPersonInput(name, "13912345678", role, Street, codes), "viewer-tests")).Id;
    }

    [Fact]
    public async Task The_panel_names_the_people_of_the_selected_grid_after_sign_in_and_marks_grids_without_a_worker()
    {
        await AddPersonAsync("王网格", StaffRoles.GridWorker, Nw.Code);
        await AddPersonAsync("李网格长", StaffRoles.GridHead, Nw.Code, Ne.Code);
        var basicGrids = SampleDistrict.Specs.Count(s => s.Kind == "basic");

        var map = await MapPage.OpenAsync(browser, host.BaseUrl, SampleDistrict.Specs.Length);
        var (lon, lat) = SampleDistrict.ClickPointOf(Nw);
        await map.ClickAtAsync(lon, lat);
        await map.WaitForPanelAsync(Nw.Code);
        await map.Page.WaitForSelectorAsync("#staffing [data-field=staff-signin]");
        Assert.Null(await map.Page.QuerySelectorAsync("#staffing [data-field=staff-phone]"));

        await map.SignInAsync(await host.CreatePlannerKeyAsync());
        await map.Page.WaitForSelectorAsync("#staffing [data-field=staff-list]");
        Assert.Equal("王网格", await map.Page.InnerTextAsync("#staffing [data-role=grid_worker] [data-field=staff-name]"));
        Assert.Equal("13912345678", await map.Page.InnerTextAsync("#staffing [data-role=grid_worker] [data-field=staff-phone]"));
        Assert.Equal("李网格长", await map.Page.InnerTextAsync("#staffing [data-role=grid_head] [data-field=staff-name]"));
        Assert.Null(await map.Page.QuerySelectorAsync("#staffing [data-field=staff-missing]"));
        // Every basic grid but the north-west one lacks a worker, and is drawn so.
        await map.Page.WaitForFunctionAsync("n => document.querySelector('#map')?.dataset.unstaffedLoaded === String(n)", basicGrids - 1);
        await map.RenderedAsync();
        await map.ScreenshotAsync("staffing-1-panel");

        var (neLon, neLat) = SampleDistrict.ClickPointOf(Ne);
        await map.ClickAtAsync(neLon, neLat);
        await map.WaitForPanelAsync(Ne.Code);
        await map.Page.WaitForSelectorAsync($"#staffing[data-code='{Ne.Code}'] [data-field=staff-missing]");
        Assert.Contains("no grid worker", await map.Page.InnerTextAsync("#staffing [data-field=staff-missing]"));
    }

    [Fact]
    public async Task Open_events_are_drawn_per_grid_with_their_count()
    {
        var (reader, _) = await host.CreateKeyAsync(ApiRoles.Reader);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", reader);
        var (lon, lat) = SampleDistrict.ClickPointOf(Nw);
        for (var i = 0; i < 3; i++)
        {
            var r = await http.PostAsJsonAsync($"{host.BaseUrl}/api/events", new { lon, lat, category = "环境卫生", text = $"事件 {i}" });
            Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode);
        }

        var map = await MapPage.OpenAsync(browser, host.BaseUrl, SampleDistrict.Specs.Length);
        await map.Page.WaitForFunctionAsync("() => document.querySelector('#map')?.dataset.eventsLoaded === '1'");
        await map.RenderedAsync();
        var count = await map.Page.EvaluateAsync<int>("() => window.gridgeo.staffing.events.getSource().getFeatures()[0].get('open')");
        Assert.Equal(3, count);
        // The circle is drawn: orange pixels in the north-west grid.
        var orange = await map.Page.EvaluateAsync<int>(string.Create(CultureInfo.InvariantCulture, $$"""
            async () => {
              const canvas = [...document.querySelectorAll('.gridgeo-events canvas')].find(c => c.width > 0);
              if (!canvas) return -1;
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let n = 0;
              for (let i = 0; i < data.length; i += 4) if (data[i] > 220 && data[i + 1] > 100 && data[i + 1] < 150 && data[i + 2] < 40 && data[i + 3] > 150) n++;
              return n;
            }
            """));
        Assert.True(orange > 50, $"expected the event circle's orange pixels, found {orange}");
        await map.ScreenshotAsync("staffing-2-events");
    }
}

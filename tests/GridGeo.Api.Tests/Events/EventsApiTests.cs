using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Api.Locate;
using GridGeo.Api.Tests.Editing;
using GridGeo.Api.Tests.Staffing;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Staffing;
using GridGeo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGeo.Api.Tests.Events;

/// <summary>Events over HTTP: routing by point and address, the status flow with its actors, listing, counts and re-routing.</summary>
public sealed class EventsApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private sealed record Seeded(EditClient Planner, EditClient Reporter, EditClient Worker, long WorkerId, string County);

    private async Task<Seeded> SeedAsync(string county)
    {
        await StaffSeed.PublishAsync(api, county);
        await api.Services.GetRequiredService<ILocatorProvider>().RefreshAsync();
        var planner = await EditClient.WithKeyAsync(api, ApiRoles.Planner, StaffSeed.Street(county));
        var workerId = (await StaffSeed.CreatePersonAsync(planner.Http, "网格员甲", StaffRoles.GridWorker, StaffSeed.Grid(county, 1, 1))).GetProperty("id").GetInt64();
        await StaffSeed.CreatePersonAsync(planner.Http, "网格员乙", StaffRoles.GridWorker, StaffSeed.Grid(county, 1, 2));
        var worker = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        var (_, identity) = await new ApiKeyStore(api.Database.DataSource).CreateAsync($"worker-{county}", ApiRoles.Reader, [], WorkerKey(county));
        await new StaffStore(api.Database.DataSource).LinkKeyAsync(identity.Id, workerId);
        worker.Http.DefaultRequestHeaders.Remove("X-Api-Key");
        worker.Http.DefaultRequestHeaders.Add("X-Api-Key", WorkerKey(county));
        return new Seeded(planner, await EditClient.WithKeyAsync(api, ApiRoles.Reader), worker, workerId, county);
    }

    private static string WorkerKey(string county) => $"worker-key-of-county-{county}-0123456789";

    private static object At(string county, int community, int building, string category = "环境卫生") => new
    {
        lon = StaffSeed.BuildingX(county, TestBundle.BuildingId(county, community, building)),
        lat = TestBundle.South + 0.005,
        category,
        text = "楼道堆放杂物",
    };

    private static async Task<JsonElement> ReportAsync(EditClient c, object body)
    {
        var response = await c.Http.PostAsJsonAsync("/api/events", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static Task<HttpResponseMessage> StepAsync(EditClient c, string id, string step, object? body = null) =>
        c.Http.PostAsJsonAsync($"/api/events/{id}/{step}", body ?? new { });

    [Fact]
    public async Task An_event_is_routed_to_its_grid_and_worker_and_each_step_is_taken_by_the_right_key()
    {
        var s = await SeedAsync("360101");
        var grid = StaffSeed.Grid(s.County, 1, 1);
        var made = await ReportAsync(s.Reporter, At(s.County, 1, 2));
        Assert.Equal(grid, made.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(grid + "002", made.GetProperty("liaison_unit").GetProperty("code").GetString());
        Assert.Equal((s.WorkerId, "网格员甲"), (made.GetProperty("assignee").GetProperty("id").GetInt64(), made.GetProperty("assignee").GetProperty("name").GetString()));
        var id = made.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(s.Reporter, id, "dispatch")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(s.Worker, id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(s.Planner, id, "dispatch")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(s.Planner, id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(s.Worker, id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(s.Worker, id, "resolve", new { resolution = "已清理" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(s.Worker, id, "rate", new { rating = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(s.Reporter, id, "rate", new { rating = 9 })).StatusCode);
        var rated = await EditClient.JsonAsync(await StepAsync(s.Reporter, id, "rate", new { rating = 5 }));

        Assert.Equal("rated", rated.GetProperty("status").GetString());
        Assert.Equal("已清理", rated.GetProperty("resolution").GetString());
        var times = new[] { "reported_at", "dispatched_at", "accepted_at", "resolved_at", "rated_at" }.Select(t => rated.GetProperty(t).GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(5L, await api.Database.ScalarAsync<long>($"select count(*) from audit_log where entity = 'event/{id}'"));
    }

    [Fact]
    public async Task Events_are_listed_by_grid_status_and_time_and_counted_per_grid_and_per_worker()
    {
        var s = await SeedAsync("360102");
        var (a, b) = (StaffSeed.Grid(s.County, 1, 1), StaffSeed.Grid(s.County, 1, 2));
        var since = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O", CultureInfo.InvariantCulture);
        await ReportAsync(s.Reporter, At(s.County, 1, 1));
        await ReportAsync(s.Reporter, At(s.County, 1, 2));
        var third = await ReportAsync(s.Reporter, At(s.County, 1, 3));
        await StepAsync(s.Planner, third.GetProperty("id").GetString()!, "dispatch");

        var inA = await EditClient.JsonAsync(await s.Reporter.Http.GetAsync($"/api/events?grid={a}&status=reported&since={Uri.EscapeDataString(since)}"));
        Assert.Equal(2, inA.GetProperty("events").GetArrayLength());
        var dispatched = await EditClient.JsonAsync(await s.Reporter.Http.GetAsync($"/api/events?grid={b}&status=dispatched"));
        Assert.Equal(b, Assert.Single(dispatched.GetProperty("events").EnumerateArray()).GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Reporter.Http.GetAsync("/api/events?status=closed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/events")).StatusCode);

        var layer = await EditClient.JsonAsync(await api.CreateClient().GetAsync("/api/events/open-by-grid"));
        var counts = layer.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("properties").GetProperty("grid_code").GetString()!, f => f.GetProperty("properties").GetProperty("open").GetInt32());
        Assert.Equal(2, counts[a]);
        Assert.Equal(1, counts[b]);
        var workers = await EditClient.JsonAsync(await s.Reporter.Http.GetAsync($"/api/events/open-by-worker?street={StaffSeed.Street(s.County)}"));
        Assert.Equal([("网格员甲", 2), ("网格员乙", 1)], workers.GetProperty("workers").EnumerateArray().Select(w => (w.GetProperty("name").GetString(), w.GetProperty("open").GetInt32())));
    }

    [Fact]
    public async Task An_event_by_address_goes_to_the_households_grid_and_bad_reports_are_refused_naming_the_field()
    {
        var s = await SeedAsync("360103");
        // Every county of this class's database has this door plate (other tests re-plan theirs): with its county, the event
        // goes to the grid the door-plate search of that county answers, and to that grid's worker (EventsByAddressAcrossCountiesTests).
        var byAddress = await ReportAsync(s.Reporter, new { address = "幸福路3号1栋2单元201室", county = s.County, category = "矛盾纠纷", text = "邻里噪音" });
        var found = await s.Reporter.Http.GetFromJsonAsync<JsonElement>("/api/locate/address?q=" + Uri.EscapeDataString("幸福路3号1栋2单元201室") + $"&county={s.County}&limit=1");
        var grid = found.GetProperty("results")[0].GetProperty("grid").GetProperty("code").GetString();
        Assert.Equal(grid, byAddress.GetProperty("grid").GetProperty("code").GetString());
        Assert.StartsWith("网格员", byAddress.GetProperty("assignee").GetProperty("name").GetString());

        var outside = await s.Reporter.Http.PostAsJsonAsync("/api/events", new { lon = 10.0, lat = 10.0, category = "x", text = "y" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("outside every current grid", await outside.Content.ReadAsStringAsync());
        var noCategory = await s.Reporter.Http.PostAsJsonAsync("/api/events", new { lon = 100.0, lat = 30.0, text = "y" });
        Assert.Contains("category", await noCategory.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noCategory.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Reporter.Http.PostAsJsonAsync("/api/events", new { lon = 100.0, lat = 30.0, address = "幸福路", category = "x", text = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().PostAsJsonAsync("/api/events", At(s.County, 1, 1))).StatusCode);
    }

    [Fact]
    public async Task Open_events_of_a_retired_grid_are_rerouted_and_keep_the_grid_they_were_made_in()
    {
        var s = await SeedAsync("360104");
        var (a, b) = (StaffSeed.Grid(s.County, 1, 1), StaffSeed.Grid(s.County, 1, 2));
        var open = await ReportAsync(s.Reporter, At(s.County, 1, 3));
        Assert.Equal(b, open.GetProperty("grid").GetProperty("code").GetString());

        var merged = await s.Planner.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { a, b } }, a, b);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        var after = await EditClient.JsonAsync(await s.Reporter.Http.GetAsync($"/api/events/{open.GetProperty("id").GetString()}"));
        Assert.Equal(a, after.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(b, after.GetProperty("reported_grid_code").GetString());
        Assert.Equal(b, after.GetProperty("rerouted_from").GetString());
        // The merged grid keeps the worker of the larger old grid (002, 70 households): 网格员乙.
        Assert.Equal("网格员乙", after.GetProperty("assignee").GetProperty("name").GetString());
    }
}

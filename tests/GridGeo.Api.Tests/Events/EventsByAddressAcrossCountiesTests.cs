using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Api.Locate;
using GridGeo.Api.Tests.Editing;
using GridGeo.Api.Tests.Staffing;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Auth;
using GridGeo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGeo.Api.Tests.Events;

/// <summary>
/// One door plate, two counties: the seeded districts of counties 360201 and 360202 both have 幸福路3号1栋2单元201室
/// (each its own household, grid and grid worker). The door-plate search and events by address take a county or street
/// and say when the door plate is ambiguous.
/// </summary>
public sealed class EventsByAddressAcrossCountiesTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>, IAsyncLifetime
{
    private const string CountyA = "360201", CountyB = "360202";
    private const string Plate = "幸福路3号1栋2单元201室";
    private EditClient _reporter = null!;

    public async Task InitializeAsync()
    {
        foreach (var county in new[] { CountyA, CountyB })
        {
            await StaffSeed.PublishAsync(api, county);
            var planner = await EditClient.WithKeyAsync(api, ApiRoles.Planner, StaffSeed.Street(county));
            for (var seq = 1; seq <= 2; seq++)
                await StaffSeed.CreatePersonAsync(planner.Http, $"网格员{county}-{seq}", StaffRoles.GridWorker, StaffSeed.Grid(county, 1, seq));
        }
        await api.Services.GetRequiredService<ILocatorProvider>().RefreshAsync();
        _reporter = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await _reporter.Http.GetAsync("/api/locate/address?q=" + Uri.EscapeDataString(Plate) + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static List<string> Counties(JsonElement answer, string member = "results") =>
        answer.GetProperty(member).EnumerateArray().Select(r => r.GetProperty("county").GetProperty("code").GetString()!).ToList();

    private Task<long> EventCountAsync() => api.Database.ScalarAsync<long>("select count(*) from events");

    [Fact]
    public async Task The_door_plate_search_lists_both_counties_says_it_is_ambiguous_and_a_county_or_street_narrows_it()
    {
        var all = await SearchAsync("");
        Assert.Equal([CountyA, CountyB], Counties(all).Order());
        Assert.All(all.GetProperty("results").EnumerateArray(), r => Assert.Equal(1.0, r.GetProperty("score").GetDouble()));
        Assert.Equal([CountyA, CountyB], all.GetProperty("ambiguous_counties").EnumerateArray().Select(c => c.GetString()));
        // limit=1 still says so: the answer looks at more matches than it lists.
        var one = await SearchAsync("&limit=1");
        Assert.Single(one.GetProperty("results").EnumerateArray());
        Assert.Equal(2, one.GetProperty("ambiguous_counties").GetArrayLength());

        foreach (var (query, county) in new[] { ($"&county={CountyB}", CountyB), ($"&street={StaffSeed.Street(CountyA)}", CountyA),
                     ($"&county={CountyA}&street={StaffSeed.Street(CountyA)}", CountyA) })
        {
            var narrowed = await SearchAsync(query);
            var result = Assert.Single(narrowed.GetProperty("results").EnumerateArray());
            Assert.Equal(county, result.GetProperty("county").GetProperty("code").GetString());
            Assert.StartsWith(county, result.GetProperty("grid").GetProperty("code").GetString());
            Assert.StartsWith($"B{county}-", result.GetProperty("household_id").GetString());
            Assert.Equal(0, narrowed.GetProperty("ambiguous_counties").GetArrayLength());
        }
        Assert.Empty((await SearchAsync("&county=360299")).GetProperty("results").EnumerateArray());
    }

    [Theory]
    [InlineData("&county=3602", "county", "6-digit county code")]
    [InlineData("&county=36020%0A", "county", "6-digit county code")] // a newline is no digit (a regex '$' let it through)
    [InlineData("&street=36020100", "street", "9-digit street code")]
    [InlineData("&county=360201&street=360202001", "street", "is not in county 360201")]
    public async Task A_bad_county_or_street_is_a_400_naming_it(string query, string parameter, string rule)
    {
        var response = await _reporter.Http.GetAsync("/api/locate/address?q=" + Uri.EscapeDataString(Plate) + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(rule, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_event_at_an_ambiguous_door_plate_is_refused_with_the_candidates_and_nothing_is_stored()
    {
        var before = await EventCountAsync();
        var response = await _reporter.Http.PostAsJsonAsync("/api/events", new { address = Plate, category = "矛盾纠纷", text = "邻里噪音" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString());
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Ambiguous address", problem.GetProperty("title").GetString());
        Assert.Equal("address", problem.GetProperty("parameter").GetString());
        Assert.Contains("2 counties", problem.GetProperty("detail").GetString());
        Assert.Contains("give county", problem.GetProperty("detail").GetString());
        var candidates = problem.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([CountyA, CountyB], Counties(problem, "candidates").Order());
        Assert.All(candidates, c =>
        {
            var county = c.GetProperty("county").GetProperty("code").GetString()!;
            Assert.Equal(Plate, c.GetProperty("address").GetString());
            Assert.Equal(StaffSeed.Street(county), c.GetProperty("street").GetProperty("code").GetString());
            Assert.StartsWith(StaffSeed.Street(county), c.GetProperty("grid").GetProperty("code").GetString());
        });
        Assert.Equal(before, await EventCountAsync());
    }

    [Theory]
    [InlineData(CountyA, null)]
    [InlineData(CountyB, null)]
    [InlineData(null, CountyB + "001")]
    public async Task An_event_at_a_door_plate_with_its_county_or_street_goes_to_that_countys_household_grid_and_worker(string? county, string? street)
    {
        var expected = county ?? street![..6];
        var search = await SearchAsync($"&county={expected}");
        var grid = search.GetProperty("results")[0].GetProperty("grid").GetProperty("code").GetString()!;
        var response = await _reporter.Http.PostAsJsonAsync("/api/events", new { address = Plate, county, street, category = "矛盾纠纷", text = "邻里噪音" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var made = JsonDocument.Parse(text).RootElement;
        Assert.Equal(grid, made.GetProperty("grid").GetProperty("code").GetString());
        Assert.StartsWith(expected, grid);
        Assert.StartsWith($"网格员{expected}-", made.GetProperty("assignee").GetProperty("name").GetString());
        var stored = await api.Database.ScalarAsync<string>($"select grid_code from events where id = '{made.GetProperty("id").GetString()}'");
        Assert.Equal(grid, stored);
    }

    [Fact]
    public async Task A_county_with_a_point_or_a_county_without_that_door_plate_is_refused()
    {
        var point = await _reporter.Http.PostAsJsonAsync("/api/events", new { lon = 100.0, lat = 30.0, county = CountyA, category = "x", text = "y" });
        Assert.Equal(HttpStatusCode.BadRequest, point.StatusCode);
        Assert.Contains("county", await point.Content.ReadAsStringAsync());

        var elsewhere = await _reporter.Http.PostAsJsonAsync("/api/events", new { address = Plate, county = "360299", category = "x", text = "y" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, elsewhere.StatusCode);
        Assert.Contains("in county 360299", await elsewhere.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Api.Tests.Editing;
using GridGeo.Core.Generation;
using GridGeo.Core.Model;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Import;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Plans;

/// <summary>
/// Partition runs over stored data through HTTP: each test imports a generated district of about 3,000
/// households for its own county and partitions its first street.
/// </summary>
public sealed class PlansApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private async Task<(EditClient Client, DistrictBundle Bundle, string Street)> ImportAsync(string county, string role = ApiRoles.Planner, string? keyStreet = null)
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 3000, HouseholdsPerCommunity = 1500, Seed = 5, CountyCode = county });
        await new BundleImporter(api.Database.DataSource).ImportAsync(bundle);
        var street = bundle.Communities.Select(c => c.StreetCode).Min(StringComparer.Ordinal)!;
        return (await EditClient.WithKeyAsync(api, role, keyStreet ?? street), bundle, street);
    }

    private static async Task<JsonElement> WaitForCompletionAsync(HttpClient http, string url)
    {
        // A run is a background job: poll until it completes or fails (bounded, not a timing assertion).
        for (var i = 0; i < 600; i++)
        {
            var plan = JsonDocument.Parse(await http.GetStringAsync(url)).RootElement;
            if (plan.GetProperty("complete").GetBoolean() || plan.GetProperty("error").ValueKind == JsonValueKind.String) return plan;
            await Task.Delay(200);
        }
        throw new TimeoutException($"plan {url} did not finish");
    }

    [Fact]
    public async Task A_street_is_partitioned_in_the_background_then_published_as_the_current_grids()
    {
        var (c, bundle, street) = await ImportAsync("330101");
        var communities = bundle.Communities.Where(x => x.StreetCode == street).Select(x => x.Code).ToHashSet();
        var households = bundle.Buildings.Where(b => b.CommunityCode is { } code && communities.Contains(code)).Sum(b => (long)b.Households);
        var start = await c.Http.PostAsJsonAsync("/api/plans", new { street, min = 300, max = 500, seed = 7 });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var url = start.Headers.Location!.ToString();
        Assert.Matches(@"^/api/plans/\d+$", url);

        var plan = await WaitForCompletionAsync(c.Http, url);
        Assert.True(plan.GetProperty("complete").GetBoolean(), plan.ToString());
        Assert.Equal("draft", plan.GetProperty("status").GetString());
        Assert.Equal(1.0, plan.GetProperty("progress").GetDouble(), 3);
        var summary = plan.GetProperty("summary");
        Assert.Equal(communities.Count, summary.GetProperty("Communities").GetInt32());
        Assert.Equal(households, summary.GetProperty("Households").GetInt64());
        Assert.Equal(summary.GetProperty("BasicGrids").GetInt32(), summary.GetProperty("BasicInBounds").GetInt32());
        Assert.True(summary.GetProperty("LiaisonUnits").GetInt32() > 0);

        var first = communities.Min(StringComparer.Ordinal)!;
        var before = JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids?community={first}")).RootElement;
        Assert.Empty(before.GetProperty("features").EnumerateArray());

        var publish = await c.Http.PostAsync($"{url}/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var grids = JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids?community={first}")).RootElement
            .GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(grids);
        var basic = grids.Where(g => g.GetProperty("properties").GetProperty("kind").GetString() == "basic").ToList();
        Assert.All(basic, g => Assert.InRange(g.GetProperty("properties").GetProperty("households").GetInt32(), 300, 500));
        var inFirst = bundle.Buildings.Where(b => b.CommunityCode == first).Sum(b => b.Households);
        Assert.Equal(inFirst, grids.Sum(g => g.GetProperty("properties").GetProperty("households").GetInt32()));

        var again = await c.Http.PostAsync($"{url}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_rebalance_draft_repairs_the_current_grids_keeps_locked_ones_and_its_grids_can_be_read_before_publishing()
    {
        var (c, bundle, street) = await ImportAsync("330109");
        var start = await c.Http.PostAsJsonAsync("/api/plans", new { street, min = 300, max = 500, seed = 7 });
        var url = start.Headers.Location!.ToString();
        Assert.True((await WaitForCompletionAsync(c.Http, url)).GetProperty("complete").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await c.Http.PostAsync($"{url}/publish", null)).StatusCode);
        var community = bundle.Communities.Where(x => x.StreetCode == street).Select(x => x.Code).Min(StringComparer.Ordinal)!;
        var current = JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids?community={community}&kind=basic")).RootElement
            .GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        // The smallest grid is locked: the draft must keep it, locked.
        var locked = current.MinBy(g => g.GetProperty("households").GetInt32()).GetProperty("code").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, $"/api/grids/{locked}/lock", null, locked)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await c.Http.PostAsJsonAsync("/api/plans", new { communities = new[] { community }, mode = "reshuffle" })).StatusCode);
        // Tighter bounds than the plan was made for.
        var rebalance = await c.Http.PostAsJsonAsync("/api/plans", new { communities = new[] { community }, mode = "rebalance", min = 300, max = 420 });
        Assert.Equal(HttpStatusCode.Accepted, rebalance.StatusCode);
        var draftUrl = rebalance.Headers.Location!.ToString();
        var draft = await WaitForCompletionAsync(c.Http, draftUrl);
        Assert.True(draft.GetProperty("complete").GetBoolean(), draft.ToString());
        Assert.Equal("rebalance", draft.GetProperty("kind").GetString());

        var grids = JsonDocument.Parse(await c.Http.GetStringAsync($"{draftUrl}/grids")).RootElement
            .GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        var codes = grids.Select(g => g.GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        var keptLocked = grids.Single(g => g.GetProperty("code").GetString() == locked);
        Assert.True(keptLocked.GetProperty("locked").GetBoolean());
        var before = current.Single(g => g.GetProperty("code").GetString() == locked);
        Assert.Equal(before.GetProperty("households").GetInt32(), keptLocked.GetProperty("households").GetInt32());
        var inCommunity = bundle.Buildings.Where(b => b.CommunityCode == community).Sum(b => b.Households);
        Assert.Equal(inCommunity, grids.Sum(g => g.GetProperty("households").GetInt32()));
        var summary = draft.GetProperty("summary").GetProperty("Rebalance");
        var changes = summary.GetProperty("Grids").EnumerateArray().ToList();
        // Whether the engine can repair this plan is the rebalancer's business (its own tests); here the draft's summary
        // must account for every grid: one change entry for each grid that is not unchanged.
        Assert.Equal(summary.GetProperty("GridsBefore").GetInt32() - summary.GetProperty("Unchanged").GetInt32() + summary.GetProperty("Created").GetInt32(), changes.Count);
        Assert.Equal(summary.GetProperty("GridsAfter").GetInt32(), grids.Count);
        Assert.DoesNotContain(changes, x => x.GetProperty("Code").GetString() == locked && x.GetProperty("Change").GetString() != "recounted");

        // Nothing is current until published.
        Assert.Equal(current.Count, JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids?community={community}&kind=basic")).RootElement
            .GetProperty("features").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await c.Http.GetAsync("/api/plans/987654321/grids")).StatusCode);
    }

    [Fact]
    public async Task Starting_a_plan_needs_a_key_and_the_street_on_it()
    {
        var (c, _, street) = await ImportAsync("330102", keyStreet: "330999001");
        var anonymous = await api.CreateClient().PostAsJsonAsync("/api/plans", new { street });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var outside = await c.Http.PostAsJsonAsync("/api/plans", new { street });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }

    [Theory]
    [InlineData("{\"street\":\"12345\"}", "street")]
    [InlineData("{\"communities\":[\"abc\"]}", "communities")]
    [InlineData("{\"communities\":[\"999999999999\"]}", "communities")]
    [InlineData("{}", "scope")]
    [InlineData("{\"street\":\"330103001\",\"min\":500,\"max\":300}", "max")]
    public async Task A_bad_request_is_400_naming_the_field(string body, string parameter)
    {
        var (c, _, _) = await ImportAsync("330103", ApiRoles.Admin);
        var response = await c.Http.PostAsync("/api/plans", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task An_unknown_plan_is_404()
    {
        var response = await api.CreateClient().GetAsync("/api/plans/987654321");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

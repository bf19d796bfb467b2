using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Api.Tests.Editing;
using GridGeo.Core.Coverage;
using GridGeo.Core.Generation;
using GridGeo.Core.Model;
using GridGeo.IO.GeoJson;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Import;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Plans;

/// <summary>
/// Rebalance mode over HTTP (draft → diff → publish) against the real PostGIS: each test imports a generated district of
/// three communities for its own county, partitions and publishes it, shifts its population (a new estate, growth,
/// demolition: <see cref="PopulationShift"/>), re-imports it and rebalances the current plan.
/// </summary>
public sealed class RebalancePlansApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private sealed record District(EditClient Client, DistrictBundle Bundle, List<string> Communities);

    private async Task<District> PublishedDistrictAsync(string county)
    {
        var bundle = PopulationShift.WithoutHouseholdRows(DistrictGenerator.Generate(new DistrictGeneratorOptions
            { Households = 4200, HouseholdsPerCommunity = 1400, Seed = 3, CountyCode = county, IncludeHouseholds = false }));
        await new BundleImporter(api.Database.DataSource).ImportAsync(bundle);
        var communities = bundle.Communities.Select(c => c.Code).Order(StringComparer.Ordinal).ToList();
        var client = await EditClient.WithKeyAsync(api, ApiRoles.Planner, bundle.Communities.Select(c => c.StreetCode).Distinct().ToArray());
        var plan = await RunAsync(client, new { communities, min = 300, max = 500 });
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync($"/api/plans/{plan.GetProperty("id").GetInt64()}/publish", null)).StatusCode);
        return new District(client, bundle, communities);
    }

    private static async Task<JsonElement> RunAsync(EditClient c, object body)
    {
        var start = await c.Http.PostAsJsonAsync("/api/plans", body);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var url = start.Headers.Location!.ToString();
        // A run is a background job: poll until it completes or fails (bounded, not a timing assertion).
        for (var i = 0; i < 900; i++)
        {
            var plan = JsonDocument.Parse(await c.Http.GetStringAsync(url)).RootElement;
            if (plan.GetProperty("error").ValueKind == JsonValueKind.String) Assert.Fail($"plan {url} failed: {plan.GetProperty("error")}");
            if (plan.GetProperty("complete").GetBoolean()) return plan;
            await Task.Delay(200);
        }
        throw new TimeoutException($"plan {url} did not finish");
    }

    private static async Task<List<JsonElement>> CurrentGridsAsync(EditClient c, IEnumerable<string> communities)
    {
        var result = new List<JsonElement>();
        foreach (var community in communities)
            result.AddRange(JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids?community={community}")).RootElement.GetProperty("features").EnumerateArray());
        return result;
    }

    private static JsonElement Props(JsonElement feature) => feature.GetProperty("properties");

    [Fact]
    public async Task A_rebalance_draft_repairs_the_shifted_district_keeps_locked_and_untouched_grids_and_publishes_after_its_diff()
    {
        var d = await PublishedDistrictAsync("340101");
        var shift = PopulationShift.Apply(d.Bundle, seed: 2);
        var before = await CurrentGridsAsync(d.Client, d.Communities);

        // Lock a basic grid of the community that loses buildings: the rebalance must leave its area and lock alone.
        var lockedGrid = before.Where(g => Props(g).GetProperty("community_code").GetString() == shift.ThinnedCommunity && Props(g).GetProperty("kind").GetString() == "basic")
            .Select(g => Props(g).GetProperty("code").GetString()!).Order(StringComparer.Ordinal).First();
        Assert.Equal(HttpStatusCode.OK, (await d.Client.EditAsync(HttpMethod.Post, $"/api/grids/{lockedGrid}/lock", null, lockedGrid)).StatusCode);
        var lockedBefore = await d.Client.GridAsync(lockedGrid);

        await new BundleImporter(api.Database.DataSource).ImportAsync(shift.Bundle);
        var plan = await RunAsync(d.Client, new { communities = d.Communities, mode = "rebalance" });
        Assert.Equal("rebalance", plan.GetProperty("kind").GetString());
        Assert.Equal("draft", plan.GetProperty("status").GetString());
        var id = plan.GetProperty("id").GetInt64();
        var figures = plan.GetProperty("summary").GetProperty("Rebalance");

        // Still a draft: the current grids are the old ones.
        Assert.Equal(before.Count, (await CurrentGridsAsync(d.Client, d.Communities)).Count);

        var diff = JsonDocument.Parse(await d.Client.Http.GetStringAsync($"/api/plans/{id}/diff")).RootElement;
        Assert.Equal(before.Count, diff.GetProperty("grids_before").GetInt32());
        Assert.True(diff.GetProperty("created").GetInt32() >= 1, $"the 1,600-household estate needs new grids: {diff}");
        Assert.True(diff.GetProperty("unchanged").GetInt32() >= 1, $"grids untouched by the shift keep code, geometry and members: {diff}");
        Assert.True(figures.GetProperty("HouseholdsMoved").GetInt64() > 0, figures.ToString());
        Assert.InRange(diff.GetProperty("households_moved").GetInt64(), 0, diff.GetProperty("households_reassigned").GetInt64());
        var changes = diff.GetProperty("grids").EnumerateArray().ToDictionary(g => g.GetProperty("code").GetString()!);
        Assert.DoesNotContain(changes.Values, g => g.GetProperty("change").GetString() == "unchanged");
        if (changes.TryGetValue(lockedGrid, out var lockedChange))
        {
            Assert.Equal("recounted", lockedChange.GetProperty("change").GetString());
            Assert.Empty(lockedChange.GetProperty("members_in").EnumerateArray());
        }
        var all = JsonDocument.Parse(await d.Client.Http.GetStringAsync($"/api/plans/{id}/diff?all=true")).RootElement;
        Assert.Equal(diff.GetProperty("grids_after").GetInt32(),
            all.GetProperty("grids").EnumerateArray().Count(g => g.GetProperty("change").GetString() != "retired"));

        var publish = await d.Client.Http.PostAsync($"/api/plans/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var after = await CurrentGridsAsync(d.Client, d.Communities);
        Assert.Equal(diff.GetProperty("grids_after").GetInt32(), after.Count);
        Assert.Equal(shift.Bundle.Buildings.Where(b => b.CommunityCode is not null).Sum(b => (long)b.Households),
            after.Sum(g => (long)Props(g).GetProperty("households").GetInt32()));
        var basic = after.Where(g => Props(g).GetProperty("kind").GetString() == "basic" && Props(g).GetProperty("code").GetString() != lockedGrid).ToList();
        Assert.All(basic, g => Assert.InRange(Props(g).GetProperty("households").GetInt32(), 300, 500));

        var lockedAfter = await d.Client.GridAsync(lockedGrid);
        Assert.True(Props(lockedAfter).GetProperty("locked").GetBoolean());
        // Kept as it was; where a changed neighbour's new edge ends on its edge, that junction is a vertex of both (one 1e-7° step at most).
        Assert.True(GridOutlines.SameOutline(GeoJsonGeometry.Read(lockedBefore.GetProperty("geometry")), GeoJsonGeometry.Read(lockedAfter.GetProperty("geometry"))));
        var untouched = before.Select(g => Props(g).GetProperty("code").GetString()!).FirstOrDefault(c => !changes.ContainsKey(c));
        Assert.NotNull(untouched);
        var old = before.First(g => Props(g).GetProperty("code").GetString() == untouched);
        var now = await d.Client.GridAsync(untouched);
        Assert.True(GridOutlines.SameOutline(GeoJsonGeometry.Read(old.GetProperty("geometry")), GeoJsonGeometry.Read(now.GetProperty("geometry"))));
        Assert.Equal(Props(old).GetProperty("buildings").ToString(), Props(now).GetProperty("buildings").ToString());

        // The new plan has its liaison units: every household of a grid in exactly one of them.
        var units = JsonDocument.Parse(await d.Client.Http.GetStringAsync($"/api/grids/{untouched}/liaison-units")).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(Props(now).GetProperty("households").GetInt32(), units.Sum(u => Props(u).GetProperty("households").GetInt32()));
    }

    [Fact]
    public async Task Publishing_a_rebalance_after_one_of_its_grids_was_edited_is_409_so_the_edit_is_not_lost()
    {
        var d = await PublishedDistrictAsync("340102");
        await new BundleImporter(api.Database.DataSource).ImportAsync(PopulationShift.Apply(d.Bundle, seed: 2).Bundle);
        var plan = await RunAsync(d.Client, new { communities = d.Communities, mode = "rebalance" });

        var code = Props((await CurrentGridsAsync(d.Client, d.Communities))[0]).GetProperty("code").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await d.Client.EditAsync(HttpMethod.Post, $"/api/grids/{code}/lock", null, code)).StatusCode);

        var publish = await d.Client.Http.PostAsync($"/api/plans/{plan.GetProperty("id").GetInt64()}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Contains("edited or replaced", await publish.Content.ReadAsStringAsync());
        Assert.True(Props(await d.Client.GridAsync(code)).GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task A_rebalance_needs_current_grids_and_a_known_mode()
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 1500, HouseholdsPerCommunity = 1500, Seed = 4, CountyCode = "340103" });
        await new BundleImporter(api.Database.DataSource).ImportAsync(bundle);
        var c = await EditClient.WithKeyAsync(api, ApiRoles.Admin);
        var communities = bundle.Communities.Select(x => x.Code).ToList();

        var none = await c.Http.PostAsJsonAsync("/api/plans", new { communities, mode = "rebalance" });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("mode", (await EditClient.JsonAsync(none)).GetProperty("parameter").GetString());
        var unknown = await c.Http.PostAsJsonAsync("/api/plans", new { communities, mode = "shuffle" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("mode", (await EditClient.JsonAsync(unknown)).GetProperty("parameter").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await c.Http.GetAsync("/api/plans/987654321/diff")).StatusCode);
    }

    [Fact]
    public async Task A_grids_liaison_units_are_GeoJSON_with_every_household_once_and_codes_of_the_grid()
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 1500, HouseholdsPerCommunity = 1500, Seed = 6, CountyCode = "340104" });
        await new BundleImporter(api.Database.DataSource).ImportAsync(bundle);
        var c = await EditClient.WithKeyAsync(api, ApiRoles.Admin);
        var communities = bundle.Communities.Select(x => x.Code).ToList();
        var plan = await RunAsync(c, new { communities });
        Assert.Equal(HttpStatusCode.OK, (await c.Http.PostAsync($"/api/plans/{plan.GetProperty("id").GetInt64()}/publish", null)).StatusCode);

        var grids = await CurrentGridsAsync(c, communities);
        var seen = new HashSet<string>();
        foreach (var grid in grids)
        {
            var code = Props(grid).GetProperty("code").GetString()!;
            var response = await c.Http.GetAsync($"/api/grids/{code}/liaison-units");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
            var units = (await EditClient.JsonAsync(response)).GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(Props(grid).GetProperty("households").GetInt32() > 0, units.Count > 0);
            Assert.All(units, u =>
            {
                Assert.Equal(code, Props(u).GetProperty("grid_code").GetString());
                Assert.Matches($"^{code}[0-9]{{3}}$", Props(u).GetProperty("code").GetString());
                Assert.Equal(Props(u).GetProperty("households").GetInt32(), Props(u).GetProperty("members").GetArrayLength());
                Assert.NotEqual(JsonValueKind.Null, u.GetProperty("geometry").ValueKind);
            });
            Assert.Equal(Props(grid).GetProperty("households").GetInt32(), units.Sum(u => Props(u).GetProperty("households").GetInt32()));
            foreach (var m in units.SelectMany(u => Props(u).GetProperty("members").EnumerateArray())) Assert.True(seen.Add(m.GetString()!), $"household {m} in two units");
        }
        Assert.Equal(bundle.Buildings.Sum(b => b.Households), seen.Count);

        Assert.Equal(HttpStatusCode.NotFound, (await c.Http.GetAsync("/api/grids/340104999999999/liaison-units")).StatusCode);
        var bad = await c.Http.GetAsync("/api/grids/12x/liaison-units");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("code", (await EditClient.JsonAsync(bad)).GetProperty("parameter").GetString());
    }
}

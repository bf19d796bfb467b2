using System.Globalization;
using System.Net;
using System.Text.Json;
using GridGeo.Api.Locate;
using GridGeo.Api.Tests.Editing;
using GridGeo.Core.Model;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGeo.Api.Tests.Locate;

/// <summary>
/// A publish or an edit over HTTP is answered by <c>GET /api/locate</c> at once, without a restart. The fingerprint
/// poll is set to an hour here, so only the endpoints' own invalidation of the locator can explain a fresh answer.
/// </summary>
public sealed class LocatorInvalidationTests(LocatorInvalidationTests.HourPollFactory api) : IClassFixture<LocatorInvalidationTests.HourPollFactory>
{
    public sealed class HourPollFactory : GridGeoApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["GridGeo:Locate:PollSeconds"] = "3600" };
    }

    /// <summary>Seeds a county's published plan directly in the database and has the locator take it in (the poll would take an hour).</summary>
    private async Task<EditClient> SeedAsync(string county)
    {
        await api.SeedPublishedPlanAsync(county);
        var c = await EditClient.WithKeyAsync(api, ApiRoles.Planner, $"{county}001");
        await api.Services.GetRequiredService<ILocatorProvider>().RefreshAsync();
        return c;
    }

    private static string Grid(string county, int community, int seq) => $"{TestBundle.CommunityCode(county, community)}{seq:D3}";

    /// <summary>The grid code GET /api/locate answers for the point once it is <paramref name="expected"/>, or the last answer after 15 s.</summary>
    private static async Task<string?> LocateUntilAsync(HttpClient http, double lon, double lat, string expected)
    {
        string? code = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (code != expected && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var response = await http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/locate?lon={lon:R}&lat={lat:R}"));
            code = response.StatusCode == HttpStatusCode.OK
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("grid").GetProperty("code").GetString()
                : null;
            if (code != expected) await Task.Delay(50);
        }
        return code;
    }

    [Fact]
    public async Task After_a_merge_locate_answers_the_merged_grid()
    {
        const string county = "340101";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        var (lon, lat) = (TestBundle.WestOf(county) + 0.0075, TestBundle.South + 0.005); // the middle of b, the east half
        Assert.Equal(b, await LocateUntilAsync(c.Http, lon, lat, b));

        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { a, b } }, a, b)).StatusCode);

        Assert.Equal(a, await LocateUntilAsync(c.Http, lon, lat, a));
    }

    [Fact]
    public async Task After_a_publish_over_http_locate_answers_from_the_new_plan()
    {
        const string county = "340102";
        var c = await SeedAsync(county);
        var community = TestBundle.CommunityCode(county, 1);
        var (lon, lat) = (TestBundle.WestOf(county) + 0.0075, TestBundle.South + 0.005);
        Assert.Equal($"{community}002", await LocateUntilAsync(c.Http, lon, lat, $"{community}002"));

        // The new plan draws community 1 as one grid with sequence 009.
        var halves = TestGrids.HalvesOf(county).Where(g => g.CommunityCode == community).ToList();
        var whole = new Grid($"{community}009", community, GridKinds.Basic, null, halves.Sum(g => g.Households),
            halves.SelectMany(g => g.Buildings).ToList(), halves[0].Boundary.Union(halves[1].Boundary));
        var plans = new PlanStore(api.Database.DataSource);
        var id = await plans.CreateDraftAsync(PlanKinds.Partition, new { county });
        await plans.SaveGridsAsync(id, [whole]);
        await plans.CompleteAsync(id, new { grids = 1 });
        using var publish = await c.Http.PostAsync($"/api/plans/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);

        Assert.Equal($"{community}009", await LocateUntilAsync(c.Http, lon, lat, $"{community}009"));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Api.Tests.Editing;
using GridGeo.Core.Model;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Auth;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Staffing;

/// <summary>
/// People follow their households when a plan is published or a grid edited. Community 1 of the seeded district has grid
/// 001 (buildings 1, 2: 30 households) and 002 (buildings 3, 4: 70 households); the plan here splits 002 at x0 + 0.007
/// into 002 (building 3: 30) and a new 003 (building 4: 40), so 003 has most of the old 002's households.
/// </summary>
public sealed class StaffFollowsPlansTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private static IReadOnlyList<Grid> SplitPlan(string county)
    {
        var halves = TestGrids.HalvesOf(county);
        var x0 = TestBundle.WestOf(county);
        var (y0, y1) = (TestBundle.South, TestBundle.South + 0.01);
        var community = TestBundle.CommunityCode(county, 1);
        return
        [
            halves[0],
            new Grid(StaffSeed.Grid(county, 1, 2), community, GridKinds.Basic, null, 30, [TestBundle.BuildingId(county, 1, 3)], TestGrids.Corners(x0 + 0.005, y0, x0 + 0.007, y1)),
            new Grid(StaffSeed.Grid(county, 1, 3), community, GridKinds.Basic, null, 40, [TestBundle.BuildingId(county, 1, 4)], TestGrids.Corners(x0 + 0.007, y0, x0 + 0.01, y1)),
        ];
    }

    private async Task<(EditClient Client, long A, long B, long Head)> StaffAsync(string county)
    {
        await StaffSeed.PublishAsync(api, county);
        var c = await EditClient.WithKeyAsync(api, ApiRoles.Planner, StaffSeed.Street(county));
        var a = (await StaffSeed.CreatePersonAsync(c.Http, "甲", StaffRoles.GridWorker, StaffSeed.Grid(county, 1, 1))).GetProperty("id").GetInt64();
        var b = (await StaffSeed.CreatePersonAsync(c.Http, "乙", StaffRoles.GridWorker, StaffSeed.Grid(county, 1, 2))).GetProperty("id").GetInt64();
        var head = (await StaffSeed.CreatePersonAsync(c.Http, "丙", StaffRoles.LiaisonHead, StaffSeed.Grid(county, 1, 1) + "001")).GetProperty("id").GetInt64();
        return (c, a, b, head);
    }

    private static async Task<IReadOnlyList<string>> AssignmentsAsync(EditClient c, long id) =>
        (await EditClient.JsonAsync(await c.Http.GetAsync($"/api/staff/{id}"))).GetProperty("assignments").EnumerateArray().Select(x => x.GetString()!).ToList();

    [Fact]
    public async Task The_diff_shows_and_publishing_applies_the_handover_with_a_warning_for_grids_left_without_a_worker()
    {
        const string county = "340101";
        var (c, a, b, head) = await StaffAsync(county);
        var draft = await StaffSeed.SaveDraftAsync(api, SplitPlan(county), county);

        var diff = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/plans/{draft}/diff"));
        var staffing = diff.GetProperty("staffing");
        Assert.Equal(2, staffing.GetProperty("kept").GetInt32());
        var moved = Assert.Single(staffing.GetProperty("moved").EnumerateArray());
        Assert.Equal((b, "乙", StaffSeed.Grid(county, 1, 2), StaffSeed.Grid(county, 1, 3)),
            (moved.GetProperty("person").GetInt64(), moved.GetProperty("name").GetString(), moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString()));
        Assert.Contains(StaffSeed.Grid(county, 1, 2), staffing.GetProperty("grids_without_worker").EnumerateArray().Select(x => x.GetString()));
        // Nothing is written by the diff.
        Assert.Equal([StaffSeed.Grid(county, 1, 2)], await AssignmentsAsync(c, b));

        var published = await c.Http.PostAsync($"/api/plans/{draft}/publish", null);
        var body = await EditClient.JsonAsync(published);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains(StaffSeed.Grid(county, 1, 2), Assert.Single(body.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Equal([StaffSeed.Grid(county, 1, 1)], await AssignmentsAsync(c, a));
        Assert.Equal([StaffSeed.Grid(county, 1, 3)], await AssignmentsAsync(c, b));
        Assert.Equal([StaffSeed.Grid(county, 1, 1) + "001"], await AssignmentsAsync(c, head));
        var audit = await api.Database.ScalarAsync<string>($"select after::text from audit_log where action = 'staff.handover' and entity = 'plan/{draft}'");
        Assert.Contains(StaffSeed.Grid(county, 1, 3), audit);

        var coverage = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/staff/coverage?street={StaffSeed.Street(county)}"));
        Assert.Contains(StaffSeed.Grid(county, 1, 2), coverage.GetProperty("grids_without_worker").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task A_merge_keeps_the_worker_of_the_larger_grid_and_releases_the_other()
    {
        const string county = "340102";
        var (c, a, b, _) = await StaffAsync(county);
        var (first, second) = (StaffSeed.Grid(county, 1, 1), StaffSeed.Grid(county, 1, 2));
        var merge = await c.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { first, second } }, first, second);
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);

        // 002 had 70 households, 001 30: the merged grid (code 001) keeps 乙, the worker of 002.
        Assert.Equal([first], await AssignmentsAsync(c, b));
        Assert.Empty(await AssignmentsAsync(c, a));
        var serving = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/grids/{first}/staff"));
        Assert.Equal(["乙"], serving.GetProperty("people").EnumerateArray().Where(p => p.GetProperty("role").GetString() == StaffRoles.GridWorker).Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task With_RefuseUnstaffedPublish_a_plan_leaving_a_basic_grid_without_a_worker_is_409_and_stays_a_draft()
    {
        var strict = new RefusingFactory();
        await strict.InitializeAsync();
        try
        {
            const string county = "340103";
            await StaffSeed.PublishAsync(strict, county);
            var c = await EditClient.WithKeyAsync(strict, ApiRoles.Planner, StaffSeed.Street(county));
            await StaffSeed.CreatePersonAsync(c.Http, "甲", StaffRoles.GridWorker, StaffSeed.Grid(county, 1, 2));
            var draft = await StaffSeed.SaveDraftAsync(strict, SplitPlan(county), county);

            var refused = await c.Http.PostAsync($"/api/plans/{draft}/publish", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("would have no grid worker", await refused.Content.ReadAsStringAsync());
            var plan = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/plans/{draft}"));
            Assert.Equal("draft", plan.GetProperty("status").GetString());
        }
        finally
        {
            await ((IAsyncLifetime)strict).DisposeAsync();
        }
    }

    public sealed class RefusingFactory : GridGeoApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["GridGeo:Staff:RefuseUnstaffedPublish"] = "true" };
    }
}

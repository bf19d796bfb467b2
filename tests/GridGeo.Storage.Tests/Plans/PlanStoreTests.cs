using GridGeo.Core.Model;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using NetTopologySuite.Geometries;

namespace GridGeo.Storage.Tests.Plans;

public sealed class PlanStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private PlanStore Store => new(db.DataSource);

    private async Task<long> PublishedPlanAsync(string county, IReadOnlyList<Grid>? grids = null)
    {
        await new BundleImporter(db.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var id = await Store.CreateDraftAsync(PlanKinds.Partition, new { min = 300, max = 500 }, "test");
        await Store.SaveGridsAsync(id, grids ?? TestGrids.HalvesOf(county));
        await Store.CompleteAsync(id, new { grids = 4 });
        Assert.Equal(PublishOutcome.Published, (await Store.PublishAsync(id, "test")).Outcome);
        return id;
    }

    [Fact]
    public async Task A_draft_records_params_progress_and_summary()
    {
        var id = await Store.CreateDraftAsync(PlanKinds.Rebalance, new { min = 250 }, "planner");
        await Store.UpdateProgressAsync(id, 0.5);
        var draft = await Store.GetAsync(id);
        Assert.NotNull(draft);
        Assert.Equal(PlanStatuses.Draft, draft.Status);
        Assert.Equal(0.5, draft.Progress, 3);
        Assert.Contains("250", draft.ParamsJson);
        Assert.Null(draft.CompletedAt);

        await Store.CompleteAsync(id, new { grids = 7 });
        var done = await Store.GetAsync(id);
        Assert.Equal(1.0, done!.Progress, 3);
        Assert.Contains("7", done.SummaryJson);
        Assert.NotNull(done.CompletedAt);
        Assert.Null(await Store.GetAsync(id + 1000));
    }

    [Fact]
    public async Task A_draft_stored_complete_is_completed_on_the_database_clock_when_it_was_created()
    {
        const string county = "120109";
        await new BundleImporter(db.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var id = await Store.CreateCompletedDraftAsync(PlanKinds.Import, new { source = "test" }, "planner", new ComputedFrom("{}", "[]"),
            TestGrids.HalvesOf(county), new { grids = 4 });
        var draft = await Store.GetAsync(id);
        Assert.NotNull(draft);
        Assert.Equal(1.0, draft.Progress, 3);
        // One transaction, one clock: created_at is now() of the transaction, and so is completed_at.
        Assert.Equal(draft.CreatedAt, draft.CompletedAt);
    }

    [Fact]
    public async Task Published_grids_are_current_and_filtered_by_box_community_and_kind()
    {
        const string county = "120101";
        var planId = await PublishedPlanAsync(county);
        var all = await Store.GetCurrentGridsAsync(new GridFilter(Community: TestBundle.CommunityCode(county, 1)));
        Assert.Equal(2, all.Count);
        Assert.All(all, g => Assert.Equal(planId, g.PlanId));
        Assert.All(all, g => Assert.NotNull(g.ValidFrom));

        var west = TestBundle.WestOf(county);
        var inBox = await Store.GetCurrentGridsAsync(new GridFilter(new Envelope(west + 0.001, west + 0.002, 30.001, 30.002)));
        Assert.Equal($"{TestBundle.CommunityCode(county, 1)}001", Assert.Single(inBox).Grid.Code);

        var dedicated = await Store.GetCurrentGridsAsync(new GridFilter(Kind: GridKinds.Dedicated, Community: TestBundle.CommunityCode(county, 2)));
        Assert.Equal("school", Assert.Single(dedicated).Grid.DedicatedKind);
        var stored = all[0].Grid;
        var expected = TestGrids.HalvesOf(county)[0];
        Assert.Equal(expected.Buildings, stored.Buildings);
        Assert.Equal(expected.Households, stored.Households);
        Assert.True(stored.Boundary.EqualsExact(expected.Boundary, 1e-9));
    }

    [Fact]
    public async Task A_grid_comes_with_its_chain_members_and_neighbours()
    {
        const string county = "120102";
        await PublishedPlanAsync(county);
        var code = $"{TestBundle.CommunityCode(county, 1)}002";
        var details = await Store.GetGridAsync(code);
        Assert.NotNull(details);
        Assert.Equal("社区1", details.CommunityName);
        Assert.Equal(county + "001", details.StreetCode);
        Assert.Equal(county, details.CountyCode);
        // East half of the west community: touches the west half and the west half of the east community.
        Assert.Equal([$"{TestBundle.CommunityCode(county, 1)}001", $"{TestBundle.CommunityCode(county, 2)}001"],
            details.Neighbours.Select(n => n.Code).ToArray());
        Assert.All(details.Neighbours, n => Assert.InRange(n.SharedBorderMetres, 1000, 1200));

        var memberHouseholds = await db.ScalarAsync<long>(
            $"select sum(m.households) from grid_members m join grids g on g.id = m.grid_id where g.code = '{code}' and g.plan_id = {details.Stored.PlanId}");
        Assert.Equal(details.Stored.Grid.Households, memberHouseholds);
        Assert.Null(await Store.GetGridAsync("999999999999999"));
    }

    [Fact]
    public async Task Publishing_a_new_plan_retires_the_one_it_replaces()
    {
        const string county = "120103";
        var first = await PublishedPlanAsync(county);
        var second = await PublishedPlanAsync(county);
        Assert.Equal(PlanStatuses.Retired, (await Store.GetAsync(first))!.Status);
        Assert.Equal(PlanStatuses.Published, (await Store.GetAsync(second))!.Status);
        var current = await Store.GetCurrentGridsAsync(new GridFilter(Community: TestBundle.CommunityCode(county, 1)));
        Assert.All(current, g => Assert.Equal(second, g.PlanId));
        Assert.Equal(4, await db.ScalarAsync<long>($"select count(*) from grids where plan_id = {first} and valid_to is not null"));
        Assert.Equal(1, await db.ScalarAsync<long>($"select count(*) from audit_log where entity = 'plan/{second}' and action = 'publish'"));
    }

    [Fact]
    public async Task Only_a_completed_draft_can_be_published()
    {
        var id = await Store.CreateDraftAsync(PlanKinds.Partition);
        Assert.Equal(PublishOutcome.NotComplete, (await Store.PublishAsync(id)).Outcome);
        await Store.CompleteAsync(id, new { });
        Assert.Equal(PublishOutcome.Published, (await Store.PublishAsync(id)).Outcome);
        Assert.Equal(PublishOutcome.NotDraft, (await Store.PublishAsync(id)).Outcome);
        Assert.Equal(PublishOutcome.NotFound, (await Store.PublishAsync(id + 1000)).Outcome);
    }

    [Fact]
    public async Task Liaison_units_are_stored_with_their_members()
    {
        var id = await Store.CreateDraftAsync(PlanKinds.Partition);
        const string grid = "120104001001001";
        var units = Enumerable.Range(1, 3).Select(i => new LiaisonUnit($"{grid}{i:D3}", grid, 2, [$"h{i}a", $"h{i}b"],
            i == 1 ? TestGrids.Box(100, 30, 0.001, 0.001) : null)).ToList();
        await Store.SaveLiaisonUnitsAsync(id, units);
        Assert.Equal(3, await db.ScalarAsync<long>($"select count(*) from liaison_units where plan_id = {id}"));
        Assert.Equal(6, await db.ScalarAsync<long>($"select sum(cardinality(members)) from liaison_units where plan_id = {id}"));
        Assert.Equal(1, await db.ScalarAsync<long>($"select count(boundary) from liaison_units where plan_id = {id}"));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.IO.Plans;
using GridGeo.Storage.Plans;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.PlanImport;

/// <summary>
/// <c>POST /api/plans/import</c>: a sound grids file becomes a draft plan with household counts from the stored
/// households; a broken one is 422 listing each fault where it is (a gap or overlap inside the faulty strip, with
/// its area), and nothing is stored.
/// </summary>
public sealed class PlanImportApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>, IAsyncLifetime
{
    private const string County = "270101";

    private static readonly double X0 = TestBundle.WestOf(County);
    private static readonly double Y0 = TestBundle.South;

    public async Task InitializeAsync() =>
        await new Storage.Import.BundleImporter(api.Database.DataSource).ImportAsync(IO.Bundles.BundleReader.Read(TestBundle.Write(County)));

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<Grid> Sound() => TestGrids.HalvesOf(County).ToList();

    private async Task<(HttpResponseMessage Response, JsonElement Json)> PostAsync(IEnumerable<Grid> grids)
    {
        var body = new MemoryStream();
        GridPlanFile.Write(body, grids);
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/geo+json");
        var admin = await Editing.EditClient.WithKeyAsync(api, Storage.Auth.ApiRoles.Admin);
        var response = await admin.Http.PostAsync("/api/plans/import", content);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static List<JsonElement> Problems(JsonElement json, string rule) =>
        json.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("rule").GetString() == rule).ToList();

    private Task<long> PlanCountAsync() => api.Database.ScalarAsync<long>("select count(*) from plans");

    /// <summary>Area in m² of a lon/lat box this small, on the local tangent plane.</summary>
    private static double BoxAreaM2(double width, double height) =>
        width * 111_320 * Math.Cos(Y0 * Math.PI / 180) * height * 110_574;

    [Fact]
    public async Task A_sound_file_becomes_a_draft_import_plan_with_stored_household_counts()
    {
        var grids = Sound().Select(g => g with { Households = 1 }).ToList();
        var (response, json) = await PostAsync(grids);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = json.GetProperty("id").GetInt64();
        Assert.Equal($"/api/plans/{id}", response.Headers.Location?.OriginalString);
        var store = new PlanStore(api.Database.DataSource);
        var plan = await store.GetAsync(id);
        Assert.Equal((PlanStatuses.Draft, PlanKinds.Import, 4), (plan!.Status, plan.Kind, plan.GridCount));
        Assert.NotNull(plan.CompletedAt);
        foreach (var g in await store.GetPlanGridsAsync(id))
        {
            var expected = g.Grid.Buildings.Sum(b => TestBundle.HouseholdsOf(int.Parse(b.Split('-')[^1])));
            Assert.Equal(expected, g.Grid.Households);
        }
    }

    [Fact]
    public async Task A_file_with_a_gap_an_overlap_a_grid_outside_and_a_household_left_out_lists_all_four_with_locations()
    {
        var before = await PlanCountAsync();
        var grids = Sound();
        var dropped = TestBundle.BuildingId(County, 1, 4);
        grids[0] = grids[0] with { Boundary = TestGrids.Corners(X0, Y0, X0 + 0.004, Y0 + 0.01) };                // gap 0.004–0.005
        grids[1] = grids[1] with { Buildings = grids[1].Buildings.Where(b => b != dropped).ToList() };           // households left out
        grids[2] = grids[2] with { Boundary = TestGrids.Corners(X0 + 0.01, Y0, X0 + 0.016, Y0 + 0.01) };         // overlap 0.015–0.016
        grids[3] = grids[3] with { Boundary = TestGrids.Corners(X0 + 0.015, Y0, X0 + 0.022, Y0 + 0.01) };        // outside 0.02–0.022
        var (response, json) = await PostAsync(grids);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);

        var gap = Assert.Single(Problems(json, "gap"));
        Assert.InRange(gap.GetProperty("lon").GetDouble(), X0 + 0.004, X0 + 0.005);
        var overlap = Assert.Single(Problems(json, "overlap"));
        Assert.Equal(new[] { grids[2].Code, grids[3].Code },
            new[] { overlap.GetProperty("grid_code").GetString(), overlap.GetProperty("other_grid_code").GetString() });
        Assert.InRange(overlap.GetProperty("lon").GetDouble(), X0 + 0.015, X0 + 0.016);
        var outside = Assert.Single(Problems(json, "outside_community"));
        Assert.Equal(grids[3].Code, outside.GetProperty("grid_code").GetString());
        Assert.InRange(outside.GetProperty("lon").GetDouble(), X0 + 0.02, X0 + 0.022);
        var left = Assert.Single(Problems(json, "household_left_out"));
        Assert.Equal(dropped, left.GetProperty("building_id").GetString());
        Assert.Equal(TestBundle.HouseholdsOf(4), left.GetProperty("household_ids").GetArrayLength());
        Assert.All(new[] { gap, overlap, outside, left }, p => Assert.InRange(p.GetProperty("lat").GetDouble(), Y0, Y0 + 0.01));
        Assert.Equal(before, await PlanCountAsync());
    }

    [Fact]
    public async Task A_gap_is_reported_inside_the_uncovered_strip_with_its_area_and_nothing_is_stored()
    {
        var before = await PlanCountAsync();
        var grids = Sound();
        grids[0] = grids[0] with { Boundary = TestGrids.Corners(X0, Y0, X0 + 0.004, Y0 + 0.01) };
        var (response, json) = await PostAsync(grids);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var gap = Assert.Single(Problems(json, "gap"));
        Assert.InRange(gap.GetProperty("lon").GetDouble(), X0 + 0.004, X0 + 0.005);
        Assert.InRange(gap.GetProperty("lat").GetDouble(), Y0, Y0 + 0.01);
        Assert.Equal(BoxAreaM2(0.001, 0.01), gap.GetProperty("area_m2").GetDouble(), BoxAreaM2(0.001, 0.01) * 0.01);
        Assert.Equal(TestBundle.CommunityCode(County, 1), gap.GetProperty("community_code").GetString());
        Assert.Equal(before, await PlanCountAsync());
    }

    [Fact]
    public async Task An_overlap_names_both_grids_and_lies_in_the_shared_strip()
    {
        var grids = Sound();
        grids[0] = grids[0] with { Boundary = TestGrids.Corners(X0, Y0, X0 + 0.006, Y0 + 0.01) };
        var (response, json) = await PostAsync(grids);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var overlap = Assert.Single(Problems(json, "overlap"));
        Assert.Equal(new[] { grids[0].Code, grids[1].Code },
            new[] { overlap.GetProperty("grid_code").GetString(), overlap.GetProperty("other_grid_code").GetString() });
        Assert.InRange(overlap.GetProperty("lon").GetDouble(), X0 + 0.005, X0 + 0.006);
        Assert.Equal(BoxAreaM2(0.001, 0.01), overlap.GetProperty("area_m2").GetDouble(), BoxAreaM2(0.001, 0.01) * 0.01);
        Assert.Empty(Problems(json, "gap"));
    }

    [Fact]
    public async Task A_grid_reaching_out_of_its_community_is_reported_outside_it()
    {
        var grids = Sound();
        var east = X0 + 0.01;
        grids[3] = grids[3] with { Boundary = TestGrids.Corners(east + 0.005, Y0, east + 0.012, Y0 + 0.01) };
        var (response, json) = await PostAsync(grids);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outside = Assert.Single(Problems(json, "outside_community"));
        Assert.Equal(grids[3].Code, outside.GetProperty("grid_code").GetString());
        Assert.InRange(outside.GetProperty("lon").GetDouble(), east + 0.01, east + 0.012);
    }

    [Fact]
    public async Task Households_of_a_building_no_grid_lists_are_named_one_by_one()
    {
        var grids = Sound();
        var dropped = TestBundle.BuildingId(County, 1, 4);
        grids[1] = grids[1] with { Buildings = grids[1].Buildings.Where(b => b != dropped).ToList() };
        var (response, json) = await PostAsync(grids);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var left = Assert.Single(Problems(json, "household_left_out"));
        Assert.Equal(dropped, left.GetProperty("building_id").GetString());
        var ids = left.GetProperty("household_ids").EnumerateArray().Select(h => h.GetString()).ToList();
        Assert.Equal(TestBundle.HouseholdsOf(4), ids.Count);
        Assert.All(ids, h => Assert.StartsWith(dropped + "-h", h));
        Assert.InRange(left.GetProperty("lon").GetDouble(), X0, X0 + 0.01);
    }

    [Fact]
    public async Task A_building_listed_by_two_grids_is_reported_twice_listed()
    {
        var grids = Sound();
        grids[1] = grids[1] with { Buildings = grids[1].Buildings.Append(TestBundle.BuildingId(County, 1, 1)).ToList() };
        var (_, json) = await PostAsync(grids);
        var twice = Assert.Single(Problems(json, "household_twice"));
        Assert.Equal(TestBundle.HouseholdsOf(1), twice.GetProperty("household_ids").GetArrayLength());
    }

    [Fact]
    public async Task A_grid_in_two_parts_of_one_community_piece_breaks_the_one_polygon_rule()
    {
        var grids = Sound();
        var f = GeoFactory.Wgs84;
        grids[0] = grids[0] with
        {
            Boundary = f.CreateMultiPolygon([TestGrids.Corners(X0, Y0, X0 + 0.002, Y0 + 0.01), TestGrids.Corners(X0 + 0.003, Y0, X0 + 0.005, Y0 + 0.01)]),
        };
        var (response, json) = await PostAsync(grids);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(grids[0].Code, Assert.Single(Problems(json, "one_polygon")).GetProperty("grid_code").GetString());
        Assert.Single(Problems(json, "gap"));
    }

    [Fact]
    public async Task A_body_that_is_not_a_grids_file_is_400()
    {
        var admin = await Editing.EditClient.WithKeyAsync(api, Storage.Auth.ApiRoles.Admin);
        var response = await admin.Http.PostAsync("/api/plans/import",
            new StringContent("{\"type\":\"Feature\"}", Encoding.UTF8, "application/geo+json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("grids.geojson", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_grid_of_an_unknown_community_is_reported()
    {
        var stranger = new Grid("999999999999001", "999999999999", GridKinds.Basic, null, 0, [], TestGrids.Box(10, 10, 0.01, 0.01));
        var (response, json) = await PostAsync([stranger]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Single(Problems(json, "unknown_community"));
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using GridGeo.Core.Geo;
using GridGeo.IO.GeoJson;
using GridGeo.Storage.Auth;
using GridGeo.Testing;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Tests.Editing;

/// <summary>
/// Map edits over HTTP on the seeded district (per test its own county): two communities 0.01° wide, each in a west and
/// an east half (community 2's east half is a dedicated school grid); buildings n = 1..4 at x0 + 0.002·n with 10·n households.
/// </summary>
public sealed class EditingApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private static string Grid(string county, int community, int seq) => $"{TestBundle.CommunityCode(county, community)}{seq:D3}";

    private static double X0(string county) => TestBundle.WestOf(county);

    private async Task<EditClient> SeedAsync(string county)
    {
        await api.SeedPublishedPlanAsync(county);
        return await EditClient.WithKeyAsync(api, ApiRoles.Planner, $"{county}001");
    }

    private static Geometry GeometryOf(JsonElement feature) => GeoJsonGeometry.Read(feature.GetProperty("geometry"));

    private static string Box(double minX, double minY, double maxX, double maxY) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"Polygon\",\"coordinates\":[[[{minX},{minY}],[{maxX},{minY}],[{maxX},{maxY}],[{minX},{maxY}],[{minX},{minY}]]]}}");

    private async Task<Geometry> CommunityUnionAsync(EditClient c, string county, int community)
    {
        var json = JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids?community={TestBundle.CommunityCode(county, community)}")).RootElement;
        var shapes = json.GetProperty("features").EnumerateArray().Select(GeometryOf).ToList();
        var sum = shapes.Sum(s => s.Area);
        var union = GeoFactory.Wgs84.BuildGeometry(shapes).Union();
        Assert.True(Math.Abs(sum - union.Area) < 1e-10, "the community's grids overlap");
        return union;
    }

    private static void AssertTilesCommunity(Geometry union, string county, int community)
    {
        var x0 = X0(county) + (community - 1) * 0.01;
        var square = TestGrids.Corners(x0, TestBundle.South, x0 + 0.01, TestBundle.South + 0.01);
        Assert.True(union.SymmetricDifference(square).Area < 1e-10, "the grids no longer tile their community");
    }

    [Fact]
    public async Task An_edit_without_If_Match_is_428_and_with_a_stale_ETag_412()
    {
        const string county = "310101";
        var c = await SeedAsync(county);
        var code = Grid(county, 1, 1);
        var missing = await c.SendAsync(HttpMethod.Post, $"/api/grids/{code}/lock", null, null);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal("application/problem+json", EditClient.Type(missing)?.MediaType);

        var etag = await c.ETagAsync(code);
        var first = await c.SendAsync(HttpMethod.Post, $"/api/grids/{code}/lock", null, etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag!.ToString());
        Assert.Equal(first.Headers.ETag!.ToString(), await c.ETagAsync(code));

        var stale = await c.SendAsync(HttpMethod.Post, $"/api/grids/{code}/unlock", null, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.True((await c.GridAsync(code)).GetProperty("properties").GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task A_locked_grid_refuses_edits_with_409_naming_the_rule_until_unlocked()
    {
        const string county = "310102";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, $"/api/grids/{b}/lock", null, b)).StatusCode);

        var merge = await c.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { a, b } }, a, b);
        Assert.Equal(HttpStatusCode.Conflict, merge.StatusCode);
        var problem = await EditClient.JsonAsync(merge);
        Assert.Equal("locked", problem.GetProperty("rule").GetString());
        Assert.Equal(b, problem.GetProperty("grid").GetString());

        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, $"/api/grids/{b}/unlock", null, b)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { a, b } }, a, b)).StatusCode);
    }

    [Fact]
    public async Task Merge_makes_one_polygon_under_the_first_code_and_keeps_the_community_tiled()
    {
        const string county = "310103";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        var before = (await c.GridAsync(a)).GetProperty("properties").GetProperty("households").GetInt32()
                     + (await c.GridAsync(b)).GetProperty("properties").GetProperty("households").GetInt32();

        var response = await c.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { a, b } }, a, b);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var merged = await c.GridAsync(a);
        Assert.Equal("Polygon", merged.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(before, merged.GetProperty("properties").GetProperty("households").GetInt32());
        Assert.Equal(TestBundle.BuildingsPerCommunity, merged.GetProperty("properties").GetProperty("buildings").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await c.Http.GetAsync($"/api/grids/{b}")).StatusCode);
        AssertTilesCommunity(await CommunityUnionAsync(c, county, 1), county, 1);
        // Below the 300 minimum: allowed, with a warning and the new figures.
        var warning = Assert.Single((await EditClient.JsonAsync(response)).GetProperty("warnings").EnumerateArray());
        Assert.Equal(before, warning.GetProperty("households").GetInt32());
    }

    [Fact]
    public async Task Merging_grids_of_different_communities_or_kinds_is_422_naming_the_rule()
    {
        const string county = "310104";
        var c = await SeedAsync(county);
        var crossing = await c.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { Grid(county, 1, 2), Grid(county, 2, 1) } },
            Grid(county, 1, 2), Grid(county, 2, 1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, crossing.StatusCode);
        Assert.Equal("same-community", (await EditClient.JsonAsync(crossing)).GetProperty("rule").GetString());

        var kinds = await c.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { Grid(county, 2, 1), Grid(county, 2, 2) } },
            Grid(county, 2, 1), Grid(county, 2, 2));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, kinds.StatusCode);
        Assert.Equal(Grid(county, 2, 2), (await EditClient.JsonAsync(kinds)).GetProperty("grid").GetString());
    }

    [Fact]
    public async Task Split_by_a_line_makes_two_grids_with_their_buildings_by_location_and_the_next_free_code()
    {
        const string county = "310105";
        var c = await SeedAsync(county);
        var code = Grid(county, 1, 2);
        var x = X0(county) + 0.007;
        var line = new { type = "LineString", coordinates = new[] { new[] { x, TestBundle.South - 0.001 }, new[] { x, TestBundle.South + 0.011 } } };
        var response = await c.EditAsync(HttpMethod.Post, $"/api/grids/{code}/split", new { line }, code);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var kept = (await c.GridAsync(code)).GetProperty("properties");
        var created = (await c.GridAsync(Grid(county, 1, 3))).GetProperty("properties");
        // Building 4 (40 households) east of the line keeps the code; building 3 (30) goes to the new grid 003.
        Assert.Equal([TestBundle.BuildingId(county, 1, 4)], kept.GetProperty("buildings").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal([TestBundle.BuildingId(county, 1, 3)], created.GetProperty("buildings").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(40, kept.GetProperty("households").GetInt32());
        Assert.Equal(30, created.GetProperty("households").GetInt32());
        AssertTilesCommunity(await CommunityUnionAsync(c, county, 1), county, 1);
    }

    [Fact]
    public async Task A_line_that_does_not_cross_the_grid_is_422_split_line()
    {
        const string county = "310106";
        var c = await SeedAsync(county);
        var code = Grid(county, 1, 2);
        var x = X0(county) + 0.007;
        var line = new { type = "LineString", coordinates = new[] { new[] { x, TestBundle.South + 0.002 }, new[] { x, TestBundle.South + 0.004 } } };
        var response = await c.EditAsync(HttpMethod.Post, $"/api/grids/{code}/split", new { line }, code);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("split-line", (await EditClient.JsonAsync(response)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Redraw_moves_the_shared_edge_and_reassigns_buildings_by_location()
    {
        const string county = "310107";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        var x0 = X0(county);
        var geometry = JsonDocument.Parse(Box(x0, TestBundle.South, x0 + 0.0065, TestBundle.South + 0.01)).RootElement;
        var response = await c.EditAsync(HttpMethod.Put, $"/api/grids/{a}/boundary", new { geometry }, a);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var ga = (await c.GridAsync(a)).GetProperty("properties");
        var gb = await c.GridAsync(b);
        Assert.Equal(10 + 20 + 30, ga.GetProperty("households").GetInt32());
        Assert.Equal(40, gb.GetProperty("properties").GetProperty("households").GetInt32());
        Assert.Equal(0.0035 * 0.01, GeometryOf(gb).Area, 9);
        AssertTilesCommunity(await CommunityUnionAsync(c, county, 1), county, 1);
    }

    [Fact]
    public async Task A_redraw_that_would_cut_a_neighbour_in_two_is_422_contiguous()
    {
        const string county = "310108";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        var x0 = X0(county);
        var s = TestBundle.South;
        // The west half plus a strip right across the east half.
        var polygon = string.Create(CultureInfo.InvariantCulture,
            $"{{\"type\":\"Polygon\",\"coordinates\":[[[{x0},{s}],[{x0 + 0.005},{s}],[{x0 + 0.005},{s + 0.004}],[{x0 + 0.01},{s + 0.004}],[{x0 + 0.01},{s + 0.006}],[{x0 + 0.005},{s + 0.006}],[{x0 + 0.005},{s + 0.01}],[{x0},{s + 0.01}],[{x0},{s}]]]}}");
        var response = await c.EditAsync(HttpMethod.Put, $"/api/grids/{a}/boundary", new { geometry = JsonDocument.Parse(polygon).RootElement }, a);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await EditClient.JsonAsync(response);
        Assert.Equal("contiguous", problem.GetProperty("rule").GetString());
        Assert.Equal(b, problem.GetProperty("grid").GetString());
    }

    [Fact]
    public async Task A_redraw_outside_the_community_is_422_inside_community()
    {
        const string county = "310109";
        var c = await SeedAsync(county);
        var a = Grid(county, 1, 1);
        var far = JsonDocument.Parse(Box(1, 1, 1.001, 1.001)).RootElement;
        var response = await c.EditAsync(HttpMethod.Put, $"/api/grids/{a}/boundary", new { geometry = far }, a);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("inside-community", (await EditClient.JsonAsync(response)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_self_intersecting_redraw_is_422_valid_polygon()
    {
        const string county = "310121";
        var c = await SeedAsync(county);
        var a = Grid(county, 1, 1);
        var (x0, s) = (X0(county), TestBundle.South);
        var bowTie = string.Create(CultureInfo.InvariantCulture,
            $"{{\"type\":\"Polygon\",\"coordinates\":[[[{x0},{s}],[{x0 + 0.005},{s + 0.01}],[{x0 + 0.005},{s}],[{x0},{s + 0.01}],[{x0},{s}]]]}}");
        var response = await c.EditAsync(HttpMethod.Put, $"/api/grids/{a}/boundary", new { geometry = JsonDocument.Parse(bowTie).RootElement }, a);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await EditClient.JsonAsync(response);
        Assert.Equal("valid-polygon", problem.GetProperty("rule").GetString());
        Assert.Equal(a, problem.GetProperty("grid").GetString());
    }

    [Fact]
    public async Task After_a_move_the_liaison_units_of_both_grids_hold_exactly_their_households()
    {
        const string county = "310122";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        var moved = TestBundle.BuildingId(county, 1, 3);
        var response = await c.EditAsync(HttpMethod.Post, $"/api/grids/{b}/moves", new { buildings = new[] { moved }, to = a }, b);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var code in new[] { a, b })
        {
            var grid = (await c.GridAsync(code)).GetProperty("properties");
            var buildings = grid.GetProperty("buildings").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
            var units = JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids/{code}/liaison-units")).RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(grid.GetProperty("households").GetInt32(), units.Sum(u => u.GetProperty("properties").GetProperty("households").GetInt32()));
            Assert.Equal(grid.GetProperty("liaison_units").GetInt32(), units.Count);
            var members = units.SelectMany(u => u.GetProperty("properties").GetProperty("members").EnumerateArray().Select(m => m.GetString()!)).ToList();
            Assert.Equal(members.Count, members.Distinct().Count());
            Assert.All(members, m => Assert.Contains(buildings, id => m.StartsWith(id + "-", StringComparison.Ordinal)));
        }
        Assert.Contains(JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids/{a}/liaison-units")).RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(u => u.GetProperty("properties").GetProperty("members").EnumerateArray()), m => m.GetString()!.StartsWith(moved + "-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Locking_and_unlocking_keep_the_stored_liaison_units_and_a_move_replaces_them()
    {
        const string county = "310139";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        var moved = TestBundle.BuildingId(county, 1, 3);
        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, $"/api/grids/{b}/moves", new { buildings = new[] { moved }, to = a }, b)).StatusCode);
        var units = await UnitRowsAsync(a);
        Assert.NotEmpty(units);

        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, $"/api/grids/{a}/lock", null, a)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, $"/api/grids/{a}/unlock", null, a)).StatusCode);
        Assert.Equal(units, await UnitRowsAsync(a));

        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, $"/api/grids/{a}/moves", new { buildings = new[] { moved }, to = b }, a)).StatusCode);
        var after = await UnitRowsAsync(a);
        Assert.NotEmpty(after);
        Assert.Empty(after.Intersect(units));
    }

    /// <summary>The stored liaison-unit rows of the current plan's grid <paramref name="code"/>: "id code".</summary>
    private async Task<List<string>> UnitRowsAsync(string code)
    {
        await using var cmd = api.Database.DataSource.CreateCommand(
            "select u.id || ' ' || u.code from liaison_units u join grids g on g.plan_id = u.plan_id and g.code = u.grid_code and g.valid_to is null where u.grid_code = $1 order by u.code");
        cmd.Parameters.AddWithValue(code);
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }

    [Fact]
    public async Task Moving_a_building_to_the_neighbour_changes_both_grids_and_their_ETags()
    {
        const string county = "310110";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        var oldB = await c.ETagAsync(b);
        var moved = TestBundle.BuildingId(county, 1, 3);
        var response = await c.EditAsync(HttpMethod.Post, $"/api/grids/{b}/moves", new { buildings = new[] { moved }, to = a }, b);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await EditClient.JsonAsync(response);
        Assert.Equal(30, json.GetProperty("households_moved").GetInt32());
        Assert.Equal(60, json.GetProperty("to").GetProperty("households").GetInt32());
        Assert.Contains(moved, (await c.GridAsync(a)).GetProperty("properties").GetProperty("buildings").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEqual(oldB, await c.ETagAsync(b));
        AssertTilesCommunity(await CommunityUnionAsync(c, county, 1), county, 1);
    }

    [Fact]
    public async Task History_records_who_when_what_and_before_after_and_revert_restores_every_grid_the_change_touched()
    {
        const string county = "310111";
        var c = await SeedAsync(county);
        var (a, b) = (Grid(county, 1, 1), Grid(county, 1, 2));
        var geometryBefore = GeometryOf(await c.GridAsync(b));
        var versionBefore = (await c.GridAsync(b)).GetProperty("properties").GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await c.EditAsync(HttpMethod.Post, "/api/grids/merge", new { codes = new[] { a, b } }, a, b)).StatusCode);

        var history = JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids/{b}/history")).RootElement;
        var entry = Assert.Single(history.GetProperty("entries").EnumerateArray());
        Assert.Equal("merge", entry.GetProperty("action").GetString());
        Assert.StartsWith("key:", entry.GetProperty("who").GetString());
        Assert.Equal(versionBefore, entry.GetProperty("version_before").GetInt32());
        var beforeB = entry.GetProperty("before").GetProperty("grids").EnumerateArray().Single(g => g.GetProperty("code").GetString() == b);
        Assert.Equal("Polygon", beforeB.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(2, beforeB.GetProperty("members").GetArrayLength());
        Assert.True(entry.GetProperty("after").GetProperty("grids").EnumerateArray()
            .Single(g => g.GetProperty("code").GetString() == b).GetProperty("removed").GetBoolean());

        var revert = await c.EditAsync(HttpMethod.Post, $"/api/grids/{a}/revert", new { version = versionBefore }, a);
        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        var restored = await c.GridAsync(b);
        // The same outline as stored before, on the 7-decimal grid the plan gate keeps every outline on.
        Assert.True(Core.Coverage.GridOutlines.SameOutline(geometryBefore, GeometryOf(restored)), "the reverted grid's outline differs");
        Assert.Equal(70, restored.GetProperty("properties").GetProperty("households").GetInt32());
        Assert.Equal(30, (await c.GridAsync(a)).GetProperty("properties").GetProperty("households").GetInt32());
        AssertTilesCommunity(await CommunityUnionAsync(c, county, 1), county, 1);
        var after = JsonDocument.Parse(await c.Http.GetStringAsync($"/api/grids/{a}/history")).RootElement;
        Assert.Equal(["merge", "revert"], after.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray());
    }
}

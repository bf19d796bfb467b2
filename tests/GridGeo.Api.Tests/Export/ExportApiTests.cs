using System.Globalization;
using System.Net;
using System.Text.Json;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Tests.Export;

/// <summary>
/// <c>GET /api/export/…</c> against a seeded database: the current plan with the contract §2 properties in RFC 7946
/// form (lon/lat, counter-clockwise exteriors, at most 7 decimals, no crs member), the filters, GCJ-02 coordinates
/// equal to the converter's, and the households CSV agreeing with the grids' member lists.
/// </summary>
public sealed class ExportApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>, IAsyncLifetime
{
    private const string County = "230101";

    private long _plan;

    public async Task InitializeAsync()
    {
        _plan = await api.SeedPublishedPlanAsync(County);
        var firstBuilding = TestBundle.BuildingId(County, 1, 1);
        var grid = TestGrids.HalvesOf(County)[0];
        await new PlanStore(api.Database.DataSource).SaveLiaisonUnitsAsync(_plan,
        [
            new LiaisonUnit(grid.Code + "001", grid.Code, 5, Enumerable.Range(1, 5).Select(h => $"{firstBuilding}-h{h}").ToList(), null),
        ]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A client with a reader key: the households export is personal data.</summary>
    private async Task<HttpClient> ReaderAsync() => (await Editing.EditClient.WithKeyAsync(api, Storage.Auth.ApiRoles.Reader)).Http;

    private async Task<(HttpResponseMessage Response, JsonElement Json)> GetAsync(string url)
    {
        var response = await (await ReaderAsync()).GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task Grids_export_is_rfc7946_with_the_contract_properties_of_every_current_grid()
    {
        var (response, json) = await GetAsync("/api/export/grids.geojson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.False(json.TryGetProperty("crs", out _));
        var features = json.GetProperty("features").EnumerateArray().ToList();
        var stored = await new PlanStore(api.Database.DataSource).GetCurrentGridsAsync(new GridFilter());
        Assert.Equal(stored.Select(g => g.Grid.Code).Order(), features.Select(f => f.GetProperty("id").GetString()).Order());
        foreach (var f in features)
        {
            var p = f.GetProperty("properties");
            var grid = stored.Single(g => g.Grid.Code == p.GetProperty("code").GetString()).Grid;
            Assert.Equal(grid.CommunityCode, p.GetProperty("community_code").GetString());
            Assert.Equal(grid.Kind, p.GetProperty("kind").GetString());
            Assert.Equal(grid.DedicatedKind, p.GetProperty("dedicated_kind").ValueKind == JsonValueKind.Null ? null : p.GetProperty("dedicated_kind").GetString());
            Assert.Equal(grid.Households, p.GetProperty("households").GetInt32());
            Assert.Equal(grid.Buildings, p.GetProperty("buildings").EnumerateArray().Select(b => b.GetString()!).ToList());
            var ring = f.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray()
                .Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray();
            Assert.True(Orientation.IsCCW(ring), $"exterior ring of {grid.Code} is not counter-clockwise");
            Assert.All(ring, c => Assert.True(c.X is >= -180 and <= 180 && c.Y is >= -90 and <= 90));
            foreach (var c in f.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray())
                Assert.All(new[] { c[0], c[1] }, v => Assert.True(AtMost7Decimals(v.GetRawText()), $"{v.GetRawText()} has more than 7 decimals"));
        }
    }

    [Fact]
    public async Task Street_and_community_filters_keep_only_their_grids()
    {
        var community = TestBundle.CommunityCode(County, 2);
        var (_, byCommunity) = await GetAsync($"/api/export/grids.geojson?community={community}");
        var codes = byCommunity.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("community_code").GetString()).ToList();
        Assert.Equal(2, codes.Count);
        Assert.All(codes, c => Assert.Equal(community, c));

        var (_, byStreet) = await GetAsync($"/api/export/grids.geojson?street={County}001");
        Assert.Equal(4, byStreet.GetProperty("features").GetArrayLength());
        var (_, otherStreet) = await GetAsync($"/api/export/grids.geojson?street={County}002");
        Assert.Equal(0, otherStreet.GetProperty("features").GetArrayLength());

        var (_, buildings) = await GetAsync($"/api/export/buildings.geojson?community={community}");
        Assert.Equal(TestBundle.BuildingsPerCommunity, buildings.GetProperty("features").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/export/grids.geojson?community=12", "community")]
    [InlineData("/api/export/grids.geojson?street=abc", "street")]
    [InlineData("/api/export/grids.geojson?crs=bd09", "crs")]
    [InlineData("/api/export/households.csv?street=1", "street")]
    public async Task Bad_filters_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        var (response, json) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, json.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Gcj02_export_offsets_every_vertex_as_the_converter_does_and_says_so()
    {
        var (_, wgs) = await GetAsync("/api/export/grids.geojson");
        var (_, gcj) = await GetAsync("/api/export/grids.geojson?crs=gcj02");
        Assert.Equal("gcj02", gcj.GetProperty("coordinate_system").GetString());
        var plain = wgs.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        foreach (var f in gcj.GetProperty("features").EnumerateArray())
        {
            Assert.Equal("gcj02", f.GetProperty("properties").GetProperty("coordinate_system").GetString());
            var original = plain[f.GetProperty("id").GetString()!].GetProperty("geometry").GetProperty("coordinates")[0];
            var shifted = f.GetProperty("geometry").GetProperty("coordinates")[0];
            Assert.Equal(original.GetArrayLength(), shifted.GetArrayLength());
            for (var i = 0; i < original.GetArrayLength(); i++)
            {
                var expected = CoordinateConverter.FromWgs84(original[i][0].GetDouble(), original[i][1].GetDouble(), CoordinateSystem.Gcj02);
                // Both sides are rounded to 7 decimals, the expected one before conversion: 2e-7° is about 2 cm.
                Assert.InRange(Math.Abs(expected.Lon - shifted[i][0].GetDouble()), 0, 2e-7);
                Assert.InRange(Math.Abs(expected.Lat - shifted[i][1].GetDouble()), 0, 2e-7);
                Assert.True(Math.Abs(expected.Lon - original[i][0].GetDouble()) > 1e-4, "a point in China moves under GCJ-02");
            }
        }
    }

    [Fact]
    public async Task Other_layers_export_every_stored_row()
    {
        var (_, buildings) = await GetAsync("/api/export/buildings.geojson");
        Assert.Equal(2 * TestBundle.BuildingsPerCommunity, buildings.GetProperty("features").GetArrayLength());
        var (_, communities) = await GetAsync("/api/export/communities.geojson");
        Assert.Equal(2, communities.GetProperty("features").GetArrayLength());
        var (_, dedicated) = await GetAsync("/api/export/dedicated-areas.geojson");
        Assert.Equal("school", dedicated.GetProperty("features")[0].GetProperty("properties").GetProperty("kind").GetString());
        var (_, units) = await GetAsync("/api/export/liaison-units.geojson");
        var unit = Assert.Single(units.GetProperty("features").EnumerateArray());
        Assert.Equal(5, unit.GetProperty("properties").GetProperty("members").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, unit.GetProperty("geometry").ValueKind);
    }

    [Fact]
    public async Task Households_csv_gives_each_household_the_grid_that_lists_its_building_and_its_liaison_unit()
    {
        var response = await (await ReaderAsync()).GetAsync("/api/export/households.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("household_id,building_id,unit,floor,community_code,grid_code,liaison_unit_code", lines[0]);
        Assert.Equal(TestBundle.TotalHouseholds(), lines.Length - 1);
        var gridOfBuilding = TestGrids.HalvesOf(County).SelectMany(g => g.Buildings.Select(b => (b, g.Code))).ToDictionary(x => x.b, x => x.Code);
        var inUnit = 0;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal(gridOfBuilding[f[1]], f[5]);
            if (f[6].Length > 0)
            {
                inUnit++;
                Assert.StartsWith(f[5], f[6]);
            }
        }
        Assert.Equal(5, inUnit);
    }

    private static bool AtMost7Decimals(string number)
    {
        var v = double.Parse(number, CultureInfo.InvariantCulture);
        return v == Math.Round(v, 7);
    }
}

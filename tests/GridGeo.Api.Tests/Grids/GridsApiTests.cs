using System.Net;
using System.Text.Json;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Grids;

public sealed class GridsApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>, IAsyncLifetime
{
    private const string County = "210101";

    public async Task InitializeAsync() => await api.SeedPublishedPlanAsync(County);

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Grids_are_a_feature_collection_with_the_contract_properties()
    {
        var response = await api.CreateClient().GetAsync($"/api/grids?community={TestBundle.CommunityCode(County, 1)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonAsync(response);
        Assert.Equal("FeatureCollection", json.GetProperty("type").GetString());
        var features = json.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(2, features.Count);
        foreach (var f in features)
        {
            var p = f.GetProperty("properties");
            Assert.Equal(15, p.GetProperty("code").GetString()!.Length);
            Assert.Equal(TestBundle.CommunityCode(County, 1), p.GetProperty("community_code").GetString());
            Assert.Equal("basic", p.GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Array, p.GetProperty("buildings").ValueKind);
            Assert.True(p.GetProperty("households").GetInt32() > 0);
            Assert.Equal("Polygon", f.GetProperty("geometry").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Bbox_and_kind_filter_the_grids()
    {
        var west = TestBundle.WestOf(County);
        var box = FormattableString.Invariant($"{west + 0.016},{30.001},{west + 0.017},{30.002}");
        var json = await JsonAsync(await api.CreateClient().GetAsync($"/api/grids?bbox={box}"));
        var only = Assert.Single(json.GetProperty("features").EnumerateArray());
        Assert.Equal($"{TestBundle.CommunityCode(County, 2)}002", only.GetProperty("id").GetString());

        var dedicated = await JsonAsync(await api.CreateClient().GetAsync("/api/grids?kind=dedicated"));
        Assert.All(dedicated.GetProperty("features").EnumerateArray(),
            f => Assert.Equal("dedicated", f.GetProperty("properties").GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("/api/grids?bbox=1,2,3", "bbox")]
    [InlineData("/api/grids?bbox=1,2,x,4", "bbox")]
    [InlineData("/api/grids?bbox=10,2,3,4", "bbox")]
    [InlineData("/api/grids?bbox=1,-95,3,4", "bbox")]
    [InlineData("/api/grids?community=12", "community")]
    [InlineData("/api/grids?kind=special", "kind")]
    [InlineData("/api/grids/12345", "code")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        var response = await api.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (await JsonAsync(response)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task One_grid_has_its_figures_chain_and_neighbours()
    {
        var code = $"{TestBundle.CommunityCode(County, 2)}001";
        var response = await api.CreateClient().GetAsync($"/api/grids/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var p = (await JsonAsync(response)).GetProperty("properties");
        Assert.Equal(code, p.GetProperty("code").GetString());
        Assert.Equal(County, p.GetProperty("county").GetProperty("code").GetString());
        Assert.Equal(County + "001", p.GetProperty("street").GetProperty("code").GetString());
        Assert.Equal("社区2", p.GetProperty("community").GetProperty("name").GetString());
        var neighbours = p.GetProperty("neighbours").EnumerateArray().Select(n => n.GetProperty("code").GetString()).ToList();
        Assert.Equal([$"{TestBundle.CommunityCode(County, 1)}002", $"{TestBundle.CommunityCode(County, 2)}002"], neighbours);
    }

    [Fact]
    public async Task An_unknown_grid_is_a_404_problem()
    {
        var response = await api.CreateClient().GetAsync("/api/grids/999999999999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("999999999999999", (await JsonAsync(response)).GetProperty("detail").GetString());
    }
}

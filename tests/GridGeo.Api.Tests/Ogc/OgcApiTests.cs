using System.Net;
using System.Text.Json;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Ogc;

/// <summary>
/// OGC API – Features under <c>/ogc</c>: the landing page's links, conformance, the collections, items paged by
/// next links until every feature has been seen once, bbox, single features, CORS, and 400/404 for bad requests.
/// </summary>
public sealed class OgcApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>, IAsyncLifetime
{
    private const string County = "240101";

    public async Task InitializeAsync() => await api.SeedPublishedPlanAsync(County);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpResponseMessage Response, JsonElement Json)> GetAsync(string url)
    {
        var response = await api.CreateClient().GetAsync(url);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static string? Link(JsonElement json, string rel) =>
        json.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == rel)
            .Select(l => l.GetProperty("href").GetString()).FirstOrDefault();

    [Fact]
    public async Task Landing_page_links_the_api_definition_conformance_and_collections()
    {
        var (response, json) = await GetAsync("/ogc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var rel in new[] { "self", "service-desc", "conformance", "data" }) Assert.NotNull(Link(json, rel));
        var (api3, doc) = await GetAsync(new Uri(Link(json, "service-desc")!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, api3.StatusCode);
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());

        var (_, conformance) = await GetAsync(new Uri(Link(json, "conformance")!).PathAndQuery);
        var classes = conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30", classes);
    }

    [Fact]
    public async Task Collections_list_every_layer_with_items_links_and_extents()
    {
        var (_, json) = await GetAsync("/ogc/collections");
        var collections = json.GetProperty("collections").EnumerateArray().ToList();
        Assert.Equal(new[] { "grids", "liaison-units", "buildings", "dedicated-areas", "communities" }, collections.Select(c => c.GetProperty("id").GetString()));
        foreach (var c in collections)
            Assert.EndsWith($"/ogc/collections/{c.GetProperty("id").GetString()}/items", Link(c, "items"));
        var grids = collections[0];
        var bbox = grids.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0];
        Assert.Equal(TestBundle.WestOf(County), bbox[0].GetDouble(), 9);
        Assert.Equal(TestBundle.South, bbox[1].GetDouble(), 9);
        var (one, single) = await GetAsync("/ogc/collections/buildings");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("buildings", single.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Next_links_page_through_every_feature_exactly_once()
    {
        var seen = new List<string>();
        var url = "/ogc/collections/buildings/items?limit=3";
        var pages = 0;
        long matched = -1;
        while (url is not null)
        {
            var (response, page) = await GetAsync(url);
            Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
            matched = page.GetProperty("numberMatched").GetInt64();
            var features = page.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, page.GetProperty("numberReturned").GetInt32());
            Assert.True(features.Count <= 3);
            if (pages > 0) Assert.NotNull(Link(page, "prev"));
            seen.AddRange(features.Select(f => f.GetProperty("id").GetString()!));
            var next = Link(page, "next");
            url = next is null ? null : new Uri(next).PathAndQuery;
            pages++;
        }
        Assert.Equal(2 * TestBundle.BuildingsPerCommunity, matched);
        Assert.Equal(matched, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal((int)Math.Ceiling(matched / 3.0), pages);
    }

    [Fact]
    public async Task Bbox_keeps_the_features_inside_and_counts_them()
    {
        var west = TestBundle.WestOf(County);
        var box = string.Join(',', new[] { west, TestBundle.South, west + 0.0099, TestBundle.South + 0.01 }.Select(TestBundle.F));
        var (_, json) = await GetAsync($"/ogc/collections/buildings/items?bbox={box}&limit=100");
        Assert.Equal(TestBundle.BuildingsPerCommunity, json.GetProperty("numberMatched").GetInt32());
        Assert.All(json.GetProperty("features").EnumerateArray(),
            f => Assert.Equal(TestBundle.CommunityCode(County, 1), f.GetProperty("properties").GetProperty("community_code").GetString()));
    }

    [Fact]
    public async Task A_single_feature_has_its_properties_and_links()
    {
        var code = TestGrids.HalvesOf(County)[0].Code;
        var (response, json) = await GetAsync($"/ogc/collections/grids/items/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Feature", json.GetProperty("type").GetString());
        Assert.Equal(code, json.GetProperty("id").GetString());
        Assert.Equal(code, json.GetProperty("properties").GetProperty("code").GetString());
        Assert.NotNull(Link(json, "collection"));
        var (missing, _) = await GetAsync("/ogc/collections/grids/items/999999999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("/ogc/collections/buildings/items?limit=0", "limit")]
    [InlineData("/ogc/collections/buildings/items?limit=ten", "limit")]
    [InlineData("/ogc/collections/buildings/items?offset=-1", "offset")]
    [InlineData("/ogc/collections/buildings/items?bbox=1,2,3", "bbox")]
    [InlineData("/ogc/collections/buildings/items?colour=red", "colour")]
    [InlineData("/ogc/collections/buildings/items?f=html", "f")]
    [InlineData("/ogc/conformance?limit=3", "limit")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        var (response, json) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, json.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_served_as_the_maximum_and_unknown_collections_are_404()
    {
        var (ok, json) = await GetAsync("/ogc/collections/grids/items?limit=999999");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(4, json.GetProperty("numberReturned").GetInt32());
        var (missing, _) = await GetAsync("/ogc/collections/roads/items");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Cors_allows_any_origin_for_reads_and_preflights()
    {
        var client = api.CreateClient();
        var get = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections");
        get.Headers.Add("Origin", "https://map.example.org");
        var response = await client.SendAsync(get);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/ogc/collections/grids/items");
        preflight.Headers.Add("Origin", "https://map.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var answer = await client.SendAsync(preflight);
        Assert.True(answer.IsSuccessStatusCode, $"preflight answered {(int)answer.StatusCode}");
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}

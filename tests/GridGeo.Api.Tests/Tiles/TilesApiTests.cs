using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Tiles;

/// <summary>
/// <c>/tiles/{layer}/{z}/{x}/{y}.mvt</c>: a tile over the seeded district holds every feature of the layer there (read
/// back with GDAL's MVT driver), carries Cache-Control and an ETag that If-None-Match honours, an empty area is 204,
/// and bad numbers or layers are 400/404 problems.
/// </summary>
public sealed class TilesApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>, IAsyncLifetime
{
    private const string County = "260101";

    public async Task InitializeAsync() => await api.SeedPublishedPlanAsync(County);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The XYZ tile at zoom <paramref name="z"/> that holds the point (Web Mercator, as slippy maps number them).</summary>
    private static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var rad = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n);
        return (x, y);
    }

    private string TileUrl(string layer, int z)
    {
        // The district is 0.02° × 0.01°; at z12 a tile is ~0.088° wide, so its centre's tile usually holds all of it.
        var (x, y) = TileOf(TestBundle.WestOf(County) + 0.01, TestBundle.South + 0.005, z);
        return $"/tiles/{layer}/{z}/{x}/{y}.mvt";
    }

    [Theory]
    [InlineData("grids", 4)]
    [InlineData("buildings", 8)]
    [InlineData("communities", 2)]
    [InlineData("dedicated-areas", 1)]
    public async Task A_tile_over_the_district_holds_its_features_with_cache_headers(string layer, int features)
    {
        var response = await api.CreateClient().GetAsync(TileUrl(layer, 12));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.NotNull(response.Headers.CacheControl?.MaxAge);
        Assert.NotNull(response.Headers.ETag);
        var file = Path.Combine(TestBundle.NewFolder(), "tile.mvt");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        var info = await OgrinfoAsync(file);
        Assert.Contains($"Layer name: {layer}", info);
        Assert.Contains($"Feature Count: {features}", info);
    }

    [Fact]
    public async Task An_unchanged_tile_is_304_for_its_etag()
    {
        var client = api.CreateClient();
        var first = await client.GetAsync(TileUrl("grids", 12));
        var again = new HttpRequestMessage(HttpMethod.Get, TileUrl("grids", 12));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        var other = new HttpRequestMessage(HttpMethod.Get, TileUrl("grids", 12));
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task A_tile_with_no_feature_is_204()
    {
        var response = await api.CreateClient().GetAsync("/tiles/grids/14/0/0.mvt");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("/tiles/grids/25/0/0.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/grids/2/4/0.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/grids/2/0/-1.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/grids/a/0/0.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/roads/2/0/0.mvt", HttpStatusCode.NotFound)]
    public async Task Bad_tiles_are_problems(string url, HttpStatusCode status)
    {
        var response = await api.CreateClient().GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> OgrinfoAsync(string file)
    {
        var info = new ProcessStartInfo("ogrinfo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-ro", "-so", "-al", file }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return stdout;
    }
}

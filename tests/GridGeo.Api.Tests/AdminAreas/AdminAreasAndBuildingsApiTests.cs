using System.Net;
using System.Text.Json;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.AdminAreas;

public sealed class AdminAreasAndBuildingsApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>, IAsyncLifetime
{
    private const string County = "220101";

    public async Task InitializeAsync() => await api.SeedPublishedPlanAsync(County);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> GetJsonAsync(string url) =>
        JsonDocument.Parse(await api.CreateClient().GetStringAsync(url)).RootElement;

    [Theory]
    [InlineData("county", 1)]
    [InlineData("street", 1)]
    [InlineData("community", 2)]
    public async Task Each_level_lists_its_areas_with_household_totals(string level, int count)
    {
        var features = (await GetJsonAsync($"/api/admin-areas?level={level}")).GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(count, features.Count);
        Assert.Equal(TestBundle.TotalHouseholds(), features.Sum(f => f.GetProperty("properties").GetProperty("households").GetInt64()));
        Assert.All(features, f => Assert.Equal(level, f.GetProperty("properties").GetProperty("level").GetString()));
    }

    [Fact]
    public async Task An_unknown_level_is_a_400_problem()
    {
        var response = await api.CreateClient().GetAsync("/api/admin-areas?level=province");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("level", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Buildings_in_a_box_are_points_and_the_limit_truncates()
    {
        var west = TestBundle.WestOf(County);
        var box = FormattableString.Invariant($"{west},{30},{west + 0.01},{30.01}");
        var all = await GetJsonAsync($"/api/buildings?bbox={box}");
        var features = all.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(TestBundle.BuildingsPerCommunity, features.Count);
        Assert.All(features, f => Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString()));
        Assert.False(all.GetProperty("truncated").GetBoolean());

        var two = await GetJsonAsync($"/api/buildings?bbox={box}&limit=2");
        Assert.Equal(2, two.GetProperty("features").GetArrayLength());
        Assert.True(two.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("/api/buildings", "bbox")]
    [InlineData("/api/buildings?bbox=1,2,3,4&limit=0", "limit")]
    public async Task Building_requests_without_a_valid_box_or_limit_are_400(string url, string parameter)
    {
        var response = await api.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }
}

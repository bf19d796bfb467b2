using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GridGeo.Core.Geo;
using static GridGeo.Api.Tests.Locate.LocateTestDatabase;

namespace GridGeo.Api.Tests.Locate;

public class LocateApiTests(LocateTestDatabase db) : IClassFixture<LocateTestDatabase>
{
    private static string Url(double lon, double lat, string? crs = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/locate?lon={lon:R}&lat={lat:R}") + (crs is null ? "" : $"&crs={crs}");

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await db.Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_point_gets_its_grid_code_chain_and_names()
    {
        var (lon, lat) = CentreOf(7, 4);
        var body = await GetJson(Url(lon, lat));
        Assert.Equal(CodeAt(7, 4), body.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal("basic", body.GetProperty("grid").GetProperty("kind").GetString());
        Assert.Equal("520102001002", body.GetProperty("community").GetProperty("code").GetString());
        Assert.Equal("和平社区", body.GetProperty("community").GetProperty("name").GetString());
        Assert.Equal("花果园街道", body.GetProperty("street").GetProperty("name").GetString());
        Assert.Equal("520102", body.GetProperty("county").GetProperty("code").GetString());
        Assert.Equal("南明区", body.GetProperty("county").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("liaison_unit").ValueKind);
    }

    [Fact]
    public async Task A_point_in_a_grid_with_liaison_units_gets_the_unit_whose_outline_covers_it()
    {
        var (lon, lat) = CentreOf(2, 3);
        var west = await GetJson(Url(lon - Size / 4, lat));
        var east = await GetJson(Url(lon + Size / 4, lat));
        Assert.Equal(UnitGrid, west.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(8, west.GetProperty("grid").GetProperty("households").GetInt32());
        Assert.Equal(UnitGrid + "001", west.GetProperty("liaison_unit").GetProperty("code").GetString());
        Assert.Equal(UnitGrid + "002", east.GetProperty("liaison_unit").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_point_on_a_shared_edge_goes_to_the_lowest_code()
    {
        // The edge between columns 4 and 5 is also the community line: 520102001001… sorts before 520102001002….
        var lon = Lon0 + 5 * Size;
        var (_, lat) = CentreOf(4, 6);
        var body = await GetJson(Url(lon, lat));
        Assert.Equal(new[] { CodeAt(4, 6), CodeAt(5, 6) }.Min(StringComparer.Ordinal), body.GetProperty("grid").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("gcj02")]
    [InlineData("bd09")]
    [InlineData("cgcs2000")]
    public async Task Points_in_other_coordinate_systems_are_converted_first(string crs)
    {
        var (lon, lat) = CentreOf(6, 6);
        var shown = CoordinateConverter.FromWgs84(lon, lat, CoordinateSystems.Parse(crs, "crs"));
        var body = await GetJson(Url(shown.Lon, shown.Lat, crs));
        Assert.Equal(CodeAt(6, 6), body.GetProperty("grid").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_point_outside_every_grid_is_404_problem_with_the_reason()
    {
        var response = await db.Client.GetAsync(Url(9.52, 47.14));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("outside every current grid", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/locate?lat=26.5", "lon")]
    [InlineData("/api/locate?lon=200&lat=26.5", "lon")]
    [InlineData("/api/locate?lon=106.7&lat=abc", "lat")]
    [InlineData("/api/locate?lon=106.7&lat=-91", "lat")]
    [InlineData("/api/locate?lon=106.7&lat=26.5&crs=mars", "crs")]
    [InlineData("/api/locate/address?q=", "q")]
    [InlineData("/api/locate/address?q=%20%2C%E3%80%82", "q")]
    [InlineData("/api/locate/address?q=%E5%B9%B8%E7%A6%8F&limit=0", "limit")]
    [InlineData("/api/locate/address?q=%E5%B9%B8%E7%A6%8F&limit=x", "limit")]
    public async Task Bad_input_is_400_problem_naming_the_parameter(string url, string parameter)
    {
        var response = await db.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.StartsWith(parameter + ":", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_json_answers_every_point_in_order_like_get()
    {
        var points = new List<(string Id, double Lon, double Lat)>();
        var random = new Random(4);
        for (var k = 0; k < 300; k++) points.Add(($"p{k}", Lon0 - 0.0005 + random.NextDouble() * 0.011, Lat0 - 0.0005 + random.NextDouble() * 0.011));
        var json = JsonSerializer.Serialize(points.Select(p => new { id = p.Id, lon = p.Lon, lat = p.Lat }));

        var response = await db.Client.PostAsync("/api/locate", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var answers = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();

        Assert.Equal(points.Count, answers.Count);
        for (var k = 0; k < points.Count; k++)
        {
            Assert.Equal(points[k].Id, answers[k].GetProperty("id").GetString());
            var single = await db.Client.GetAsync(Url(points[k].Lon, points[k].Lat));
            var grid = answers[k].GetProperty("grid");
            if (single.StatusCode == HttpStatusCode.NotFound) Assert.Equal(JsonValueKind.Null, grid.ValueKind);
            else
            {
                var expected = JsonDocument.Parse(await single.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal(expected.GetProperty("grid").GetProperty("code").GetString(), grid.GetProperty("code").GetString());
                Assert.Equal(expected.GetProperty("liaison_unit").ToString(), answers[k].GetProperty("liaison_unit").ToString());
            }
        }
        Assert.Contains(answers, a => a.GetProperty("grid").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Post_csv_answers_csv_in_order()
    {
        var (a, b) = (CentreOf(1, 1), CentreOf(8, 9));
        var csv = string.Create(CultureInfo.InvariantCulture, $"id,lon,lat\nx,{a.Lon},{a.Lat}\n\"y,2\",{b.Lon},{b.Lat}\nz,9.5,47.1\n");
        var response = await db.Client.PostAsync("/api/locate", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["id,grid_code,liaison_unit_code", $"x,{CodeAt(1, 1)},", $"\"y,2\",{CodeAt(8, 9)},", "z,,"], lines);
    }

    [Fact]
    public async Task Post_in_gcj02_converts_every_point()
    {
        var (lon, lat) = CentreOf(3, 8);
        var shown = CoordinateConverter.FromWgs84(lon, lat, CoordinateSystem.Gcj02);
        var json = string.Create(CultureInfo.InvariantCulture, $"[{{\"id\":\"g\",\"lon\":{shown.Lon:R},\"lat\":{shown.Lat:R}}}]");
        var response = await db.Client.PostAsync("/api/locate?crs=gcj02", new StringContent(json, Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(CodeAt(3, 8), answer.GetProperty("grid").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("application/json", "[{\"id\":\"a\",\"lon\":106.7,\"lat\":26.5},{\"id\":\"b\",\"lat\":26.5}]", "point 2")]
    [InlineData("application/json", "[{\"id\":\"a\",\"lon\":200,\"lat\":26.5}]", "outside -180…180")]
    [InlineData("application/json", "{\"id\":\"a\"}", "must be a JSON array")]
    [InlineData("application/json", "[{\"id\":\"a\",\"lon\":106.7,", "not valid JSON")]
    [InlineData("text/csv", "id,lon,lat\na,106.7,26.5\nb,106.7\n", "line 3")]
    [InlineData("text/csv", "", "empty")]
    public async Task A_bad_post_body_is_400_naming_the_body_and_the_point(string type, string content, string expected)
    {
        var response = await db.Client.PostAsync("/api/locate", new StringContent(content, Encoding.UTF8, type));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("body", problem.GetProperty("parameter").GetString());
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_10_MB_body_is_413_naming_the_body()
    {
        var row = "p,106.7005,26.5005\n";
        var csv = new StringBuilder("id,lon,lat\n");
        while (csv.Length < 10_000_000) csv.Append(row);
        var response = await db.Client.PostAsync("/api/locate", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("body", problem.GetProperty("parameter").GetString());
        Assert.Contains("100000 points", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("application/json")]
    public async Task A_batch_of_100001_points_is_400_naming_the_body_and_100000_is_answered(string type)
    {
        string Body(int n) => type == "text/csv"
            ? "id,lon,lat\n" + string.Concat(Enumerable.Range(0, n).Select(i => $"{i},106.7005,26.5005\n"))
            : "[" + string.Join(",", Enumerable.Range(0, n).Select(i => $"{{\"id\":\"{i}\",\"lon\":106.7005,\"lat\":26.5005}}")) + "]";
        var tooMany = await db.Client.PostAsync("/api/locate", new StringContent(Body(100_001), Encoding.UTF8, type));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var problem = JsonDocument.Parse(await tooMany.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("body", problem.GetProperty("parameter").GetString());
        Assert.Contains("more than 100000 points", problem.GetProperty("detail").GetString());

        var full = await db.Client.PostAsync("/api/locate", new StringContent(Body(100_000), Encoding.UTF8, type));
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var text = await full.Content.ReadAsStringAsync();
        var answers = type == "text/csv" ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1 : JsonDocument.Parse(text).RootElement.GetArrayLength();
        Assert.Equal(100_000, answers);
    }

    [Fact]
    public async Task Post_with_an_unknown_crs_is_400_naming_crs()
    {
        var response = await db.Client.PostAsync("/api/locate?crs=epsg:3857", new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("crs", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }
}

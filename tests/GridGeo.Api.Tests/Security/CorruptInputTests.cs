using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GridGeo.Api.Tests.Editing;
using GridGeo.Core;
using GridGeo.IO.Bundles;
using GridGeo.IO.Plans;
using GridGeo.Storage.Auth;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Security;

/// <summary>The app with small caps, so that the size limits can be probed with small bodies.</summary>
public sealed class SmallLimitsApiFactory : GridGeoApiFactory
{
    public const long ImportMaxBytes = 64 * 1024;
    public const int AuthFailures = 5;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["GridGeo:PlanImport:MaxBytes"] = ImportMaxBytes.ToString(CultureInfo.InvariantCulture),
        ["GridGeo:RateLimits:AuthFailuresPerMinute"] = AuthFailures.ToString(CultureInfo.InvariantCulture),
        ["GridGeo:RateLimits:ImportsPerMinute"] = "1000",
    };
}

/// <summary>
/// Each corrupt input is refused as a 4xx problem naming the parameter (or the file and line), never a 500, and writes
/// nothing: malformed JSON, a NUL in a query, non-finite or out-of-range coordinates, too many vertices, a
/// self-intersecting polygon, a foreign crs, bodies over the cap (413); wrong keys are rate limited (429); household-level
/// personal data needs a key and its bulk export is audited.
/// </summary>
public sealed class CorruptInputTests(SmallLimitsApiFactory api) : IClassFixture<SmallLimitsApiFactory>
{
    private const string County = "391101";
    private static string Grid(int community, int n) => $"{TestBundle.CommunityCode(County, community)}{n:D3}";

    private async Task<EditClient> AdminAsync()
    {
        if (await api.Database.ScalarAsync<long>($"select count(*) from communities where code = '{TestBundle.CommunityCode(County, 1)}'") == 0)
            await api.SeedPublishedPlanAsync(County);
        return await EditClient.WithKeyAsync(api, ApiRoles.Admin);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} (expected {(int)status}): {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("POST", "/api/plans", "{\"communities\": [")]
    [InlineData("POST", "/api/plans", "{\"min\": \"three hundred\"}")]
    [InlineData("POST", "/api/grids/merge", "not json")]
    [InlineData("PUT", "/api/grids/{code}/boundary", "{\"geometry\": ")]
    [InlineData("POST", "/api/grids/{code}/moves", "[1,2")]
    public async Task Malformed_json_is_a_400_naming_the_body(string method, string url, string body)
    {
        var admin = await AdminAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{code}", Grid(1, 1))) { Content = Raw(body) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        var json = await ProblemAsync(await admin.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Equal("body", json.GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("[[1e308, 0], [1, 0], [1, 1], [1e308, 0]]", "outside")]
    [InlineData("[[200, 0], [1, 0], [1, 1], [200, 0]]", "outside")]
    [InlineData("[[\"NaN\", 0], [1, 0], [1, 1], [\"NaN\", 0]]", "numbers")]
    public async Task A_boundary_edit_with_coordinates_out_of_range_is_a_400_naming_the_geometry(string ring, string rule)
    {
        var admin = await AdminAsync();
        var body = $"{{\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[{ring}]}}}}";
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/grids/{Grid(1, 1)}/boundary") { Content = Raw(body) };
        request.Headers.TryAddWithoutValidation("If-Match", await admin.ETagAsync(Grid(1, 1)));
        var json = await ProblemAsync(await admin.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Equal("geometry", json.GetProperty("parameter").GetString());
        Assert.Contains(rule, json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_boundary_edit_with_more_vertices_than_the_cap_is_a_400()
    {
        var admin = await AdminAsync();
        var n = Api.Editing.EditingApi.MaxEditPositions + 10;
        var ring = string.Join(",", Enumerable.Range(0, n).Select(i => FormattableString.Invariant($"[{100 + Math.Cos(i * 2 * Math.PI / n) * 0.01},{20 + Math.Sin(i * 2 * Math.PI / n) * 0.01}]")));
        var first = FormattableString.Invariant($"[{100 + 0.01},{20.0}]");
        var body = $"{{\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[{ring},{first}]]}}}}";
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/grids/{Grid(1, 1)}/boundary") { Content = Raw(body) };
        request.Headers.TryAddWithoutValidation("If-Match", await admin.ETagAsync(Grid(1, 1)));
        var json = await ProblemAsync(await admin.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Contains("limit", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_nul_in_the_address_query_is_a_400_naming_q()
    {
        var reader = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        var json = await ProblemAsync(await reader.Http.GetAsync("/api/locate/address?q=abc%00def"), HttpStatusCode.BadRequest);
        Assert.Equal("q", json.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Household_data_needs_a_key_and_its_export_is_audited()
    {
        await AdminAsync();
        await ProblemAsync(await api.CreateClient().GetAsync("/api/locate/address?q=幸福路12号"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await api.CreateClient().GetAsync("/api/export/households.csv"), HttpStatusCode.Unauthorized);
        var reader = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        var before = await api.Database.ScalarAsync<long>("select count(*) from audit_log where action = 'export' and entity = 'export/households.csv'");
        var csv = await reader.Http.GetAsync($"/api/export/households.csv?street={County}001");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(before + 1, await api.Database.ScalarAsync<long>("select count(*) from audit_log where action = 'export' and entity = 'export/households.csv'"));
        Assert.StartsWith("key:reader-", await api.Database.ScalarAsync<string>("select who from audit_log where action = 'export' order by id desc limit 1"));
    }

    [Fact]
    public async Task A_self_intersecting_grid_in_an_import_is_a_422_naming_the_grid_and_nothing_is_stored()
    {
        var admin = await AdminAsync();
        var grids = TestGrids.HalvesOf(County).ToList();
        var e = grids[0].Boundary.EnvelopeInternal;
        var bowtie = Core.Geo.GeoFactory.Wgs84.CreatePolygon([
            new(e.MinX, e.MinY), new(e.MaxX, e.MaxY), new(e.MaxX, e.MinY), new(e.MinX, e.MaxY), new(e.MinX, e.MinY)]);
        grids[0] = grids[0] with { Boundary = bowtie };
        var plans = await api.Database.ScalarAsync<long>("select count(*) from plans");
        var json = await ProblemAsync(await admin.Http.PostAsync("/api/plans/import", File(grids)), HttpStatusCode.UnprocessableEntity);
        var problem = json.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal("invalid_geometry", problem.GetProperty("rule").GetString());
        Assert.Equal(grids[0].Code, problem.GetProperty("grid_code").GetString());
        Assert.Equal(plans, await api.Database.ScalarAsync<long>("select count(*) from plans"));
    }

    [Theory]
    [InlineData("EPSG:3857", HttpStatusCode.BadRequest)]
    [InlineData("urn:ogc:def:crs:EPSG::4490", HttpStatusCode.BadRequest)]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", HttpStatusCode.Created)]
    public async Task An_imported_plans_crs_member_is_honoured_or_refused(string crs, HttpStatusCode expected)
    {
        var admin = await AdminAsync();
        var text = Encoding.UTF8.GetString(await File(TestGrids.HalvesOf(County)).ReadAsByteArrayAsync());
        text = "{\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs + "\"}}," + text.TrimStart()[1..];
        var response = await admin.Http.PostAsync("/api/plans/import", new StringContent(text, Encoding.UTF8, "application/geo+json"));
        if (expected == HttpStatusCode.Created) Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        else Assert.Equal("crs", (await ProblemAsync(response, expected)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Bodies_over_the_cap_are_413()
    {
        var admin = await AdminAsync();
        var big = new string(' ', (int)SmallLimitsApiFactory.ImportMaxBytes + 1);
        await ProblemAsync(await admin.Http.PostAsync("/api/plans/import", new StringContent(big, Encoding.UTF8, "application/geo+json")), HttpStatusCode.RequestEntityTooLarge);
        // Streamed without a length: cut off at the cap as it arrives.
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/plans/import") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        await ProblemAsync(await admin.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        // The batch lookup over its cap (1 MiB at least).
        var points = new StringBuilder("id,lon,lat\n");
        for (var i = 0; points.Length < 9_000_000; i++) points.Append(CultureInfo.InvariantCulture, $"p{i},100.1,20.1\n");
        await ProblemAsync(await api.CreateClient().PostAsync("/api/locate", new StringContent(points.ToString(), Encoding.UTF8, "text/csv")), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("NaN", "20.1", "finite")]
    [InlineData("100.1", "Infinity", "finite")]
    [InlineData("1e400", "20.1", "finite")]
    [InlineData("100.1", "91", "outside")]
    public void A_household_with_a_non_finite_or_out_of_range_coordinate_is_refused_naming_the_line(string lon, string lat, string rule)
    {
        var dir = TestBundle.Write("391102");
        var path = Path.Combine(dir, "households.csv");
        var lines = System.IO.File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var fields = lines[1].Split(',');
        fields[Array.IndexOf(header, "lon")] = lon;
        fields[Array.IndexOf(header, "lat")] = lat;
        lines[1] = string.Join(',', fields);
        System.IO.File.WriteAllLines(path, lines);
        var error = Assert.Throws<BadInputException>(() => BundleReader.Read(dir));
        Assert.Contains("households.csv", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Contains(rule, error.Message);
    }

    private static ByteArrayContent File(IEnumerable<Core.Model.Grid> grids)
    {
        var body = new MemoryStream();
        GridPlanFile.Write(body, grids);
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/geo+json");
        return content;
    }
}

/// <summary>Wrong keys from one client are cut off (its own app instance: the limit is per client IP, and tests share one).</summary>
public sealed class AuthFailureLimitTests(SmallLimitsApiFactory api) : IClassFixture<SmallLimitsApiFactory>
{
    [Fact]
    public async Task Wrong_keys_from_one_client_are_cut_off_with_429_after_the_limit()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "gg_guess-" + Guid.NewGuid().ToString("N"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SmallLimitsApiFactory.AuthFailures + 3; i++) statuses.Add((await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.All(statuses.Take(SmallLimitsApiFactory.AuthFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(SmallLimitsApiFactory.AuthFailures), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var limited = await client.GetAsync("/api/auth/me");
        Assert.NotNull(limited.Headers.RetryAfter);

        // The point lookup is a caller-free read: its key is never looked up, so the cut-off client is answered there
        // (404: no grid at 0,0) — but not when include=staff makes the answer depend on the key.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/locate?lon=0&lat=0")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/locate?lon=0&lat=0&include=staff")).StatusCode);
    }
}

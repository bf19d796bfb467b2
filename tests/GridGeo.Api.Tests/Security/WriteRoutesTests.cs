using System.Net;
using System.Text;
using System.Text.Json;
using GridGeo.Api.Auth;
using GridGeo.Api.Tests.Editing;
using GridGeo.IO.Plans;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Staffing;
using GridGeo.Core.Staffing;
using GridGeo.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGeo.Api.Tests.Security;

/// <summary>
/// Every write route the app maps — read from its <see cref="EndpointDataSource"/>, so that a route added later is
/// probed too — answers 401 without a key (telling how to get one), 403 with a reader key and 403 with a planner key of
/// another street, and nothing is written by any of those probes.
/// </summary>
public sealed class WriteRoutesTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private const string County = "341101";
    private static string Grid(int community, int n) => $"{TestBundle.CommunityCode(County, community)}{n:D3}";

    /// <summary>A body for each write route that gets past its input checks, so that the answer is decided by the key.</summary>
    private static readonly Dictionary<string, Func<HttpContent?>> Bodies = new()
    {
        ["/api/grids/{code}/lock"] = () => null,
        ["/api/grids/{code}/unlock"] = () => null,
        ["/api/grids/merge"] = () => Json(new { codes = new[] { Grid(1, 1), Grid(1, 2) } }),
        ["/api/grids/{code}/split"] = () => Json(new { line = new { type = "LineString", coordinates = new[] { new[] { 100.0, 20.0 }, new[] { 100.1, 20.1 } } } }),
        ["/api/grids/{code}/boundary"] = () => Json(new { geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 0.0, 0 }, new[] { 1.0, 0 }, new[] { 1.0, 1 }, new[] { 0.0, 0 } } } } }),
        ["/api/grids/{code}/revert"] = () => Json(new { version = 1 }),
        ["/api/grids/{code}/moves"] = () => Json(new { buildings = Array.Empty<string>(), to = Grid(1, 2) }),
        ["/api/plans"] = () => Json(new { communities = new[] { TestBundle.CommunityCode(County, 1) } }),
        ["/api/plans/{id:long}/publish"] = () => null,
        ["/api/staff"] = () => StaffBody(),
        ["/api/staff/{id:long}"] = () => StaffBody(),
        ["/api/plans/import"] = () =>
        {
            var body = new MemoryStream();
            GridPlanFile.Write(body, TestGrids.HalvesOf(County));
            return new ByteArrayContent(body.ToArray());
        },
    };

    private static StringContent StaffBody() => Json(new { name = "王芳", phone = "13800138000", role = "grid_worker", assignments = new[] { Grid(1, 1) } });

    private static StringContent Json(object o) => new(JsonSerializer.Serialize(o), Encoding.UTF8, "application/json");

    private IReadOnlyList<(string Method, string Pattern)> WriteRoutes() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => WriteAccess.IsWrite(e.Metadata))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["POST"]).Select(m => (m, e.RoutePattern.RawText!.TrimEnd('/'))))
            .Distinct().OrderBy(r => r.Item2, StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_write_route_carries_the_write_policy_and_every_route_that_changes_nothing_says_so()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var writes = endpoints.Where(e => WriteAccess.IsWrite(e.Metadata)).ToList();
        Assert.True(writes.Count >= Bodies.Count, $"only {writes.Count} write routes found");
        foreach (var e in writes)
            Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == AuthPolicies.Write);
        // The only non-GET route that is not a write: the batch point lookup.
        var readOnlyPosts = endpoints.Where(e => !WriteAccess.IsWrite(e.Metadata) && e.Metadata.GetMetadata<OwnWriteRuleMetadata>() is null
            && e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Any(m => m != "GET" && m != "HEAD")).Select(e => e.RoutePattern.RawText!.TrimEnd('/')).ToList();
        Assert.Equal(["/api/locate"], readOnlyPosts);
        // Writes whose caller is not a planner (event steps) need a key and name the rule their handler keeps.
        foreach (var e in endpoints.Where(e => e.Metadata.GetMetadata<OwnWriteRuleMetadata>() is not null))
        {
            Assert.NotEmpty(e.Metadata.GetMetadata<OwnWriteRuleMetadata>()!.Rule);
            Assert.NotEmpty(e.Metadata.GetOrderedMetadata<IAuthorizeData>());
        }
    }

    [Fact]
    public async Task Every_write_route_is_401_without_a_key_and_403_with_a_reader_or_another_streets_key_and_writes_nothing()
    {
        var planId = await api.SeedPublishedPlanAsync(County);
        var plans = new PlanStore(api.Database.DataSource);
        var draft = await plans.CreateDraftAsync(PlanKinds.Partition, new { });
        await plans.SaveGridsAsync(draft, TestGrids.HalvesOf(County));
        await plans.CompleteAsync(draft, new { grids = 4 });
        var reader = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        var elsewhere = await EditClient.WithKeyAsync(api, ApiRoles.Planner, "999999001");
        var anonymous = api.CreateClient();
        var staffId = (await new StaffStore(api.Database.DataSource).CreateAsync(
            new StaffPersonInput("李明", "13900139000", "grid_worker", null, [Grid(1, 2)]), "test")).Id;
        var before = await StateAsync();

        var routes = WriteRoutes();
        var missing = routes.Where(r => !Bodies.ContainsKey(r.Pattern)).ToList();
        Assert.True(missing.Count == 0, $"write routes without a probe body (add one to {nameof(Bodies)}): {string.Join(", ", missing)}");
        var probes = 0;
        foreach (var (method, pattern) in routes)
        {
            var id = pattern.StartsWith("/api/staff", StringComparison.Ordinal) ? staffId : draft;
            var url = pattern.Replace("{code}", Grid(1, 1)).Replace("{id:long}", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (client, expected, who) in new[]
                     {
                         (anonymous, HttpStatusCode.Unauthorized, "no key"),
                         (reader.Http, HttpStatusCode.Forbidden, "a reader key"),
                         (elsewhere.Http, HttpStatusCode.Forbidden, "a planner key of street 999999001"),
                     })
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = Bodies[pattern]() };
                request.Headers.TryAddWithoutValidation("If-Match", "*");
                var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == expected, $"{method} {url} with {who}: {(int)response.StatusCode} {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                if (expected == HttpStatusCode.Unauthorized) Assert.Contains("gridgeo keys create", text);
                probes++;
            }
        }
        Assert.Equal(routes.Count * 3, probes);
        Assert.Equal(before, await StateAsync());
        Assert.Equal("published", (await plans.GetAsync(planId))!.Status);
    }

    [Fact]
    public async Task An_import_takes_its_author_from_the_key_and_ignores_a_by_parameter()
    {
        const string county = "341102";
        await new Storage.Import.BundleImporter(api.Database.DataSource).ImportAsync(IO.Bundles.BundleReader.Read(TestBundle.Write(county)));
        var planner = await EditClient.WithKeyAsync(api, ApiRoles.Planner, $"{county}001");
        var body = new MemoryStream();
        GridPlanFile.Write(body, TestGrids.HalvesOf(county));
        var response = await planner.Http.PostAsync("/api/plans/import?by=key:admin", new ByteArrayContent(body.ToArray()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var author = (await new PlanStore(api.Database.DataSource).GetAsync(id))!.CreatedBy;
        Assert.StartsWith("key:planner-", author);
    }

    // Everything a write could change: plans, grids with their versions and validity, the audit log.
    private Task<string> StateAsync() => api.Database.ScalarAsync<string>("""
        select (select count(*) from plans)::text || '/' || (select string_agg(status, ',' order by id) from plans) || '/'
            || (select count(*) from grids)::text || '/' || (select coalesce(sum(version), 0) from grids)::text || '/'
            || (select count(*) from grids where valid_to is null)::text || '/' || (select count(*) from audit_log)::text || '/'
            || (select string_agg(s.name || ':' || a.code, ',' order by s.id, a.code) from staff s left join staff_assignments a on a.staff_id = s.id)
        """);
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GridGeo.Api.Tests.Editing;
using GridGeo.Storage.Auth;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Auth;

/// <summary>Who may write: no key 401, reader 403, planner only in its streets, admin everywhere; keys stored hashed.</summary>
public sealed class ApiKeyAuthTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private static string Grid(string county) => $"{TestBundle.CommunityCode(county, 1)}001";

    private async Task<HttpResponseMessage> LockAsync(HttpClient client, string code)
    {
        var etag = (await client.GetAsync($"/api/grids/{code}")).Headers.ETag!.ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/grids/{code}/lock");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_write_without_a_key_is_401_and_with_an_unknown_key_401()
    {
        const string county = "320101";
        await api.SeedPublishedPlanAsync(county);
        var anonymous = await LockAsync(api.CreateClient(), Grid(county));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(anonymous.Headers.WwwAuthenticate);

        var wrong = api.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "gg_this-key-was-never-issued-0000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await LockAsync(wrong, Grid(county))).StatusCode);
    }

    [Fact]
    public async Task Reads_stay_open_by_default()
    {
        const string county = "320102";
        await api.SeedPublishedPlanAsync(county);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync($"/api/grids/{Grid(county)}")).StatusCode);
    }

    [Fact]
    public async Task A_reader_key_may_not_write()
    {
        const string county = "320103";
        await api.SeedPublishedPlanAsync(county);
        var reader = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        Assert.Equal(HttpStatusCode.Forbidden, (await LockAsync(reader.Http, Grid(county))).StatusCode);
    }

    [Fact]
    public async Task A_planner_edits_only_in_its_streets_and_an_admin_everywhere()
    {
        const string county = "320104";
        await api.SeedPublishedPlanAsync(county);
        var elsewhere = await EditClient.WithKeyAsync(api, ApiRoles.Planner, "999999001");
        var outside = await LockAsync(elsewhere.Http, Grid(county));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains($"{county}001", await outside.Content.ReadAsStringAsync());

        var own = await EditClient.WithKeyAsync(api, ApiRoles.Planner, $"{county}001");
        Assert.Equal(HttpStatusCode.OK, (await LockAsync(own.Http, Grid(county))).StatusCode);

        var admin = await EditClient.WithKeyAsync(api, ApiRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await LockAsync(admin.Http, $"{TestBundle.CommunityCode(county, 2)}001")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_works_like_the_header()
    {
        const string county = "320105";
        await api.SeedPublishedPlanAsync(county);
        var (key, _) = await new ApiKeyStore(api.Database.DataSource).CreateAsync("bearer", ApiRoles.Admin, []);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await LockAsync(client, Grid(county))).StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_hashed_with_a_salt_and_revoked_keys_stop_working()
    {
        var store = new ApiKeyStore(api.Database.DataSource);
        var (key, identity) = await store.CreateAsync("hashed", ApiRoles.Planner, ["320106001"]);
        var plain = await api.Database.ScalarAsync<long>(
            $"select count(*) from api_keys where name = 'hashed' and (lookup = '{key}' or hash = sha256(convert_to('{key}', 'UTF8')) or position(convert_to('{key}', 'UTF8') in hash) > 0)");
        Assert.Equal(0, plain);
        var found = await store.FindAsync(key);
        Assert.Equal((identity.Id, "planner", "320106001"), (found!.Id, found.Role, Assert.Single(found.Streets)));
        Assert.Null(await store.FindAsync(key + "x"));

        var (twin, _) = await store.CreateAsync("hashed", ApiRoles.Planner, ["320106001"]);
        var salts = await api.Database.ScalarAsync<long>("select count(distinct salt) from api_keys where name = 'hashed'");
        Assert.Equal(2, salts);
        Assert.Equal(2, await store.RevokeAsync("hashed"));
        Assert.Null(await store.FindAsync(key));
        Assert.Null(await store.FindAsync(twin));
    }

    [Fact]
    public async Task Who_am_I_names_the_key_its_role_and_streets_and_is_401_without_a_valid_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/auth/me")).StatusCode);
        var wrong = api.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "gg_this-key-was-never-issued-0000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/auth/me")).StatusCode);

        var planner = await EditClient.WithKeyAsync(api, ApiRoles.Planner, "320105001", "320105002");
        var me = await planner.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/me");
        Assert.Equal(ApiRoles.Planner, me.GetProperty("role").GetString());
        Assert.StartsWith("planner-", me.GetProperty("name").GetString());
        Assert.Equal(["320105001", "320105002"], me.GetProperty("streets").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.True(me.GetProperty("can_edit").GetBoolean());

        var reader = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        var them = await reader.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/me");
        Assert.Equal(ApiRoles.Reader, them.GetProperty("role").GetString());
        Assert.False(them.GetProperty("can_edit").GetBoolean());
    }

    [Fact]
    public async Task A_key_revoked_through_another_connection_is_refused_within_a_second()
    {
        var store = new ApiKeyStore(api.Database.DataSource);
        var (key, _) = await store.CreateAsync("revoked-elsewhere", ApiRoles.Reader, []);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        // The API holds the keys in memory: the revocation reaches it by the database's notification, not by a query per request.
        Assert.Equal(1, await store.RevokeAsync("revoked-elsewhere"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await client.GetAsync("/api/auth/me")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "the revoked key still worked after 1 s");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task A_planner_key_must_name_its_streets()
    {
        var store = new ApiKeyStore(api.Database.DataSource);
        var ex = await Assert.ThrowsAsync<GridGeo.Core.BadInputException>(() => store.CreateAsync("nostreets", ApiRoles.Planner, []));
        Assert.Contains("street", ex.Message);
    }
}

/// <summary>With <c>GridGeo:Auth:RequireKeyForReads=true</c> reads need a key of any role; health stays open.</summary>
public sealed class ReadKeyRequiredTests(ReadKeyRequiredTests.Factory api) : IClassFixture<ReadKeyRequiredTests.Factory>
{
    public sealed class Factory : GridGeoApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["GridGeo:Auth:RequireKeyForReads"] = "true" };
    }

    [Fact]
    public async Task Reads_need_a_key_when_configured()
    {
        await api.SeedPublishedPlanAsync("320201");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/grids")).StatusCode);
        var reader = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync("/api/grids")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task The_point_lookup_skips_authentication_only_when_reads_are_open()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/locate?lon=0&lat=0")).StatusCode);
        var wrong = api.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "gg_unknown-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/locate?lon=0&lat=0")).StatusCode);
        var reader = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        // Past authentication: no grid lies at 0,0.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync("/api/locate?lon=0&lat=0")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Api.Tests.Editing;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Auth;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Staffing;

/// <summary>The roster over HTTP: keys and streets, the person's rules, audited reads and the coverage report.</summary>
public sealed class StaffApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private async Task<EditClient> SeedAsync(string county)
    {
        await StaffSeed.PublishAsync(api, county);
        return await EditClient.WithKeyAsync(api, ApiRoles.Planner, StaffSeed.Street(county));
    }

    [Fact]
    public async Task A_planner_adds_changes_and_removes_people_of_its_street_and_reads_them_back()
    {
        const string county = "330101";
        var c = await SeedAsync(county);
        var grid = StaffSeed.Grid(county, 1, 1);
        var created = await StaffSeed.CreatePersonAsync(c.Http, "王芳", StaffRoles.GridWorker, grid);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(StaffSeed.Street(county), created.GetProperty("street").GetString());

        var put = await c.Http.PutAsJsonAsync($"/api/staff/{id}", new { name = "王芳", phone = "0851-5551234", role = StaffRoles.GridWorker, assignments = new[] { StaffSeed.Grid(county, 1, 2) } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/staff/{id}"));
        Assert.Equal("0851-5551234", read.GetProperty("phone").GetString());
        Assert.Equal([StaffSeed.Grid(county, 1, 2)], read.GetProperty("assignments").EnumerateArray().Select(a => a.GetString()));

        var list = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/staff?code={StaffSeed.Grid(county, 1, 2)}"));
        Assert.Equal(id, Assert.Single(list.GetProperty("people").EnumerateArray()).GetProperty("id").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await c.Http.DeleteAsync($"/api/staff/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.Http.GetAsync($"/api/staff/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_roster_needs_a_key_writes_need_a_planner_of_the_street_and_reads_are_audited()
    {
        const string county = "330102";
        var c = await SeedAsync(county);
        var grid = StaffSeed.Grid(county, 1, 1);
        var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/grids/{grid}/staff")).StatusCode);

        var reader = await EditClient.WithKeyAsync(api, ApiRoles.Reader);
        var refused = await reader.Http.PostAsJsonAsync("/api/staff", new { name = "李四", phone = "13800138000", role = StaffRoles.GridWorker, assignments = new[] { grid } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var otherStreet = await EditClient.WithKeyAsync(api, ApiRoles.Planner, "330199001");
        var outside = await otherStreet.Http.PostAsJsonAsync("/api/staff", new { name = "李四", phone = "13800138000", role = StaffRoles.GridWorker, assignments = new[] { grid } });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains(StaffSeed.Street(county), await outside.Content.ReadAsStringAsync());

        await StaffSeed.CreatePersonAsync(c.Http, "李四", StaffRoles.GridWorker, grid);
        // A planner of another street does not see this street's people; a reader sees them, and each read is audited.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStreet.Http.GetAsync($"/api/staff?street={StaffSeed.Street(county)}")).StatusCode);
        var audits = await api.Database.ScalarAsync<long>("select count(*) from audit_log where action = 'staff.read'");
        var people = await EditClient.JsonAsync(await reader.Http.GetAsync($"/api/staff?street={StaffSeed.Street(county)}"));
        Assert.Equal("13800138000", Assert.Single(people.GetProperty("people").EnumerateArray()).GetProperty("phone").GetString());
        var serving = await EditClient.JsonAsync(await reader.Http.GetAsync($"/api/grids/{grid}/staff"));
        Assert.Equal("李四", Assert.Single(serving.GetProperty("people").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(audits + 2, await api.Database.ScalarAsync<long>("select count(*) from audit_log where action = 'staff.read'"));
    }

    [Theory]
    [InlineData("{\"name\":\"张三\",\"phone\":\"x\",\"role\":\"grid_worker\",\"assignments\":[]}", "phone", "330201")]
    [InlineData("{\"name\":\"张三\",\"phone\":\"13800138000\",\"role\":\"grid_worker\",\"assignments\":[\"999999999999999\"]}", "no current grid", "330202")]
    [InlineData("{\"name\":\"张三\",\"phone\":\"13800138000\",\"role\":\"liaison_head\",\"assignments\":[\"{grid}\"]}", "liaison units (18-digit codes)", "330203")]
    public async Task A_person_breaking_a_rule_gets_400_naming_it(string json, string expected, string county)
    {
        var c = await SeedAsync(county);
        var body = json.Replace("{grid}", StaffSeed.Grid(county, 1, 1)).Replace("999999999999999", StaffSeed.Street(county) + "009009");
        if (!body.Contains("\"street\"")) body = body.Replace("\"assignments\":[]", $"\"street\":\"{StaffSeed.Street(county)}\",\"assignments\":[]");
        var response = await c.Http.PostAsync("/api/staff", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"select count(*) from staff where street_code = '{StaffSeed.Street(county)}'"));
    }

    [Fact]
    public async Task Coverage_lists_basic_grids_without_a_worker_duplicates_and_liaison_units_without_a_head()
    {
        const string county = "330103";
        var c = await SeedAsync(county);
        var (a, b, d) = (StaffSeed.Grid(county, 1, 1), StaffSeed.Grid(county, 1, 2), StaffSeed.Grid(county, 2, 1));
        await StaffSeed.CreatePersonAsync(c.Http, "甲", StaffRoles.GridWorker, a);
        await StaffSeed.CreatePersonAsync(c.Http, "乙", StaffRoles.GridWorker, a);
        await StaffSeed.CreatePersonAsync(c.Http, "丙", StaffRoles.LiaisonHead, a + "001", a + "002");

        var report = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/staff/coverage?street={StaffSeed.Street(county)}"));
        Assert.False(report.GetProperty("ok").GetBoolean());
        Assert.Equal(3, report.GetProperty("basic_grids").GetInt32());
        Assert.Equal(1, report.GetProperty("dedicated_grids").GetInt32());
        Assert.Equal([b, d], report.GetProperty("grids_without_worker").EnumerateArray().Select(x => x.GetString()).Order());
        var rules = report.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("rule").GetString(), p.GetProperty("code").GetString())).ToList();
        Assert.Contains(("grid_worker_duplicate", a), rules);
        // The units of the other basic grids (two per grid) have no head.
        Assert.Equal(4, report.GetProperty("liaison_units_without_head").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await c.Http.GetAsync("/api/staff/coverage?street=12")).StatusCode);
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using GridGeo.Api.Locate;
using GridGeo.Api.Tests.Editing;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Auth;
using GridGeo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGeo.Api.Tests.Staffing;

/// <summary>Lookups name the people responsible: GET /api/grids/{code} with a key, and include=staff on locate and the door-plate search.</summary>
public sealed class StaffLookupTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    private const string County = "350101";

    private async Task<EditClient> SeedAsync()
    {
        await StaffSeed.PublishAsync(api, County);
        await api.Services.GetRequiredService<ILocatorProvider>().RefreshAsync();
        var c = await EditClient.WithKeyAsync(api, ApiRoles.Planner, StaffSeed.Street(County));
        await StaffSeed.CreatePersonAsync(c.Http, "网格员甲", StaffRoles.GridWorker, StaffSeed.Grid(County, 1, 1));
        await StaffSeed.CreatePersonAsync(c.Http, "网格长乙", StaffRoles.GridHead, StaffSeed.Grid(County, 1, 1), StaffSeed.Grid(County, 1, 2));
        await StaffSeed.CreatePersonAsync(c.Http, "联户长丙", StaffRoles.LiaisonHead, StaffSeed.Grid(County, 1, 1) + "002");
        return c;
    }

    [Fact]
    public async Task Lookups_answer_with_the_grid_worker_grid_head_and_liaison_head_for_a_key_only()
    {
        var c = await SeedAsync();
        var grid = StaffSeed.Grid(County, 1, 1);
        // Building 2 of community 1 lies in liaison unit 002 of grid 001.
        var (lon, lat) = (StaffSeed.BuildingX(County, TestBundle.BuildingId(County, 1, 2)), TestBundle.South + 0.005);
        var url = string.Create(CultureInfo.InvariantCulture, $"/api/locate?lon={lon}&lat={lat}");

        var plain = await EditClient.JsonAsync(await api.CreateClient().GetAsync(url));
        Assert.False(plain.TryGetProperty("staff", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync(url + "&include=staff")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.Http.GetAsync(url + "&include=phones")).StatusCode);

        var audits = await api.Database.ScalarAsync<long>("select count(*) from audit_log where action = 'staff.read'");
        var located = await EditClient.JsonAsync(await c.Http.GetAsync(url + "&include=staff"));
        Assert.Equal(grid, located.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(grid + "002", located.GetProperty("liaison_unit").GetProperty("code").GetString());
        var staff = located.GetProperty("staff");
        Assert.Equal(("网格员甲", "13800138000"), (staff.GetProperty("grid_worker").GetProperty("name").GetString(), staff.GetProperty("grid_worker").GetProperty("phone").GetString()));
        Assert.Equal("网格长乙", staff.GetProperty("grid_head").GetProperty("name").GetString());
        Assert.Equal("联户长丙", staff.GetProperty("liaison_head").GetProperty("name").GetString());

        var search = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/locate/address?q={Uri.EscapeDataString("幸福路2号1栋1单元")}&include=staff"));
        var first = search.GetProperty("results")[0];
        Assert.Equal(grid, first.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal("网格员甲", first.GetProperty("staff").GetProperty("grid_worker").GetProperty("name").GetString());

        var feature = await EditClient.JsonAsync(await c.Http.GetAsync($"/api/grids/{grid}"));
        var gridStaff = feature.GetProperty("properties").GetProperty("staff");
        Assert.Equal("网格员甲", gridStaff.GetProperty("grid_worker").GetProperty("name").GetString());
        Assert.Equal([grid + "002"], gridStaff.GetProperty("liaison_heads").EnumerateArray().Select(h => h.GetProperty("liaison_unit").GetString()));
        var anonymousFeature = await EditClient.JsonAsync(await api.CreateClient().GetAsync($"/api/grids/{grid}"));
        Assert.False(anonymousFeature.GetProperty("properties").TryGetProperty("staff", out _));
        Assert.Equal(audits + 3, await api.Database.ScalarAsync<long>("select count(*) from audit_log where action = 'staff.read'"));
    }
}

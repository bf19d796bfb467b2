using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Core.Model;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Staffing;

/// <summary>
/// The seeded district of <see cref="TestBundle"/> for county <c>county</c> with its <see cref="TestGrids.HalvesOf"/> plan
/// published, each basic grid with one liaison unit per building (members: that building's households).
/// </summary>
public static class StaffSeed
{
    public static string Street(string county) => $"{county}001";

    public static string Grid(string county, int community, int seq) => $"{TestBundle.CommunityCode(county, community)}{seq:D3}";

    public static IReadOnlyList<LiaisonUnit> UnitsOf(string county, IEnumerable<Grid> grids) =>
        grids.Where(g => g.Kind == GridKinds.Basic).SelectMany(g => g.Buildings.Select((b, i) =>
        {
            var n = int.Parse(b.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture);
            return new LiaisonUnit($"{g.Code}{i + 1:D3}", g.Code, TestBundle.HouseholdsOf(n),
                Enumerable.Range(1, TestBundle.HouseholdsOf(n)).Select(h => $"{b}-h{h}").ToList(), g.Boundary);
        })).ToList();

    public static async Task<long> PublishAsync(GridGeoApiFactory api, string county)
    {
        await new BundleImporter(api.Database.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        return await PublishGridsAsync(api, TestGrids.HalvesOf(county), county);
    }

    /// <summary>Stores <paramref name="grids"/> (with a liaison unit per building) as a completed draft and publishes it.</summary>
    public static async Task<long> PublishGridsAsync(GridGeoApiFactory api, IReadOnlyList<Grid> grids, string county)
    {
        var id = await SaveDraftAsync(api, grids, county);
        await new PlanStore(api.Database.DataSource).PublishAsync(id, "test");
        return id;
    }

    public static async Task<long> SaveDraftAsync(GridGeoApiFactory api, IReadOnlyList<Grid> grids, string county)
    {
        var plans = new PlanStore(api.Database.DataSource);
        var id = await plans.CreateDraftAsync(PlanKinds.Partition, new { county });
        await plans.SaveGridsAsync(id, grids);
        await plans.SaveLiaisonUnitsAsync(id, UnitsOf(county, grids));
        await plans.CompleteAsync(id, new { grids = grids.Count });
        return id;
    }

    public static async Task<JsonElement> CreatePersonAsync(HttpClient http, string name, string role, params string[] codes)
    {
        var response = await http.PostAsJsonAsync("/api/staff", new { name, phone = "13800138000", role, assignments = codes });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }
}

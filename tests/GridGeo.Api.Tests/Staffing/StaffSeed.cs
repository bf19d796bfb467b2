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

    /// <summary>One liaison unit per building of each basic grid, outlined as the strip of the grid nearest that building.</summary>
    public static IReadOnlyList<LiaisonUnit> UnitsOf(string county, IEnumerable<Grid> grids) =>
        grids.Where(g => g.Kind == GridKinds.Basic).SelectMany(g =>
        {
            var env = g.Boundary.EnvelopeInternal;
            var xs = g.Buildings.Select(b => BuildingX(county, b)).ToList();
            return g.Buildings.Select((b, i) =>
            {
                var n = int.Parse(b.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture);
                var left = i == 0 ? env.MinX : (xs[i - 1] + xs[i]) / 2;
                var right = i == xs.Count - 1 ? env.MaxX : (xs[i] + xs[i + 1]) / 2;
                return new LiaisonUnit($"{g.Code}{i + 1:D3}", g.Code, TestBundle.HouseholdsOf(n),
                    Enumerable.Range(1, TestBundle.HouseholdsOf(n)).Select(h => $"{b}-h{h}").ToList(),
                    TestGrids.Corners(left, env.MinY, right, env.MaxY));
            });
        }).ToList();

    /// <summary>The longitude of building <c>B{county}-{c}-{n}</c>: x0 + 0.002·n in its community.</summary>
    public static double BuildingX(string county, string buildingId)
    {
        var parts = buildingId.Split('-');
        var (c, n) = (int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
        return TestBundle.WestOf(county) + (c - 1) * 0.01 + 0.002 * n;
    }

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

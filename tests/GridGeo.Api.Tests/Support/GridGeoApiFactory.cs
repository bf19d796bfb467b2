using GridGeo.IO.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GridGeo.Testing;

/// <summary>
/// The real GridGeo app (<see cref="Program"/>, built by ApiHost) hosted in memory on its own fresh
/// <see cref="TestDatabase"/>, one per test class:
/// <code>
/// public sealed class MyApiTests(GridGeoApiFactory api) : IClassFixture&lt;GridGeoApiFactory&gt;
/// {
///     [Fact] public async Task X() { await api.SeedPublishedPlanAsync("110101"); var r = await api.CreateClient().GetAsync("/api/grids"); … }
/// }
/// </code>
/// Seed data through <see cref="Database"/> (its DataSource and the stores) or the helpers here; settings
/// other than the connection string can be added in a subclass by overriding <see cref="Settings"/>.
/// </summary>
public class GridGeoApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    /// <summary>Configuration given to the app on top of its defaults; the connection string is the test database's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:GridGeo"] = Database.ConnectionString,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>Imports <see cref="TestBundle"/> for <paramref name="county"/> and publishes <see cref="TestGrids.HalvesOf"/> as its plan; returns the plan id.</summary>
    public async Task<long> SeedPublishedPlanAsync(string county)
    {
        await new BundleImporter(Database.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var plans = new PlanStore(Database.DataSource);
        var id = await plans.CreateDraftAsync(PlanKinds.Partition, new { county });
        await plans.SaveGridsAsync(id, TestGrids.HalvesOf(county));
        await plans.CompleteAsync(id, new { grids = 4 });
        await plans.PublishAsync(id, "test");
        return id;
    }

    public Task InitializeAsync() => Database.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

using System.Diagnostics;
using GridGeo.Api;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.Storage;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Import;
using GridGeo.Storage.Migrations;
using GridGeo.Storage.Plans;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace GridGeo.Viewer.Tests;

/// <summary>
/// The real GridGeo API on a free 127.0.0.1 port (Kestrel, so that Chromium can reach it), over a database of
/// its own holding a district (by default <see cref="SampleDistrict"/>) with its grids as the published plan,
/// serving the built viewer.
/// The database is dropped on dispose.
/// </summary>
public sealed class ViewerHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string adminConnection;
    private readonly string database;

    public string BaseUrl { get; }
    public string ConnectionString { get; }

    private ViewerHost(WebApplication app, string baseUrl, string adminConnection, string database, string connectionString)
    {
        this.app = app;
        BaseUrl = baseUrl;
        this.adminConnection = adminConnection;
        this.database = database;
        ConnectionString = connectionString;
    }

    /// <summary>Starts the API over <paramref name="bundle"/> and <paramref name="grids"/> (default <see cref="SampleDistrict"/>, with its liaison units).</summary>
    public static async Task<ViewerHost> StartAsync(DistrictBundle? bundle = null, IReadOnlyList<Grid>? grids = null)
    {
        var viewerPath = EnsureViewerBuilt();
        var admin = StorageOptions.Resolve().ConnectionString;
        var database = $"gridgeo_viewer_{Guid.NewGuid():N}"[..30];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {database}", conn);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        await MigrationRunner.MigrateAsync(connectionString);
        await using (var dataSource = GridGeoDatabase.Open(new StorageOptions(connectionString)))
        {
            await new BundleImporter(dataSource).ImportAsync(bundle ?? SampleDistrict.Bundle());
            var plans = new PlanStore(dataSource);
            var plan = await plans.CreateDraftAsync(PlanKinds.Import, createdBy: "viewer-tests");
            var planGrids = grids ?? SampleDistrict.Grids();
            await plans.SaveGridsAsync(plan, planGrids);
            // The sample district gets the liaison units a partition run would plan (about 30 households each).
            if (bundle is null) await plans.SaveLiaisonUnitsAsync(plan, LiaisonUnitPlanner.Plan(SampleDistrict.Bundle(), planGrids, new LiaisonOptions()).Units);
            await plans.CompleteAsync(plan, new { grids = planGrids.Count });
            var published = await plans.PublishAsync(plan, "viewer-tests");
            if (published.Outcome != PublishOutcome.Published) throw new InvalidOperationException($"the sample plan was not published: {published.Outcome}");
        }

        var app = ApiHost.Build(
        [
            $"--ConnectionStrings:GridGeo={connectionString}",
            $"--GridGeo:ViewerPath={viewerPath}",
            "--Logging:LogLevel:Default=Warning",
            // The map's address box is used here without signing in: door plates open, as a deployment may choose.
            "--GridGeo:Auth:OpenPersonalData=true",
        ], "http://127.0.0.1:0");
        await app.StartAsync();
        var url = app.Urls.First(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new ViewerHost(app, url.TrimEnd('/'), admin, database, connectionString);
    }

    /// <summary>
    /// The built viewer, brought up to date by scripts/build-viewer.sh (fast when nothing changed), once per
    /// test run; and Debian's Chromium, which scripts/ensure-browser.sh installs.
    /// </summary>
    private static string EnsureViewerBuilt() => BuiltViewer.Value;

    private static readonly Lazy<string> BuiltViewer = new(() =>
    {
        if (!File.Exists("/usr/bin/chromium"))
            throw new InvalidOperationException("/usr/bin/chromium is missing: run scripts/ensure-browser.sh (apt-get install chromium)");
        var root = RepoPaths.Root;
        var wwwroot = Path.Combine(root, "src", "GridGeo.Api", "wwwroot");
        var build = Process.Start(new ProcessStartInfo(Path.Combine(root, "scripts", "build-viewer.sh")) { UseShellExecute = false })!;
        build.WaitForExit();
        if (build.ExitCode != 0 || !File.Exists(Path.Combine(wwwroot, "index.html")))
            throw new InvalidOperationException($"scripts/build-viewer.sh failed (exit {build.ExitCode}): the viewer is not built in {wwwroot}");
        return wwwroot;
    });

    /// <summary>Issues an API key in this host's database (stored hashed, as `gridgeo keys create` does) and returns the key.</summary>
    public async Task<(string Key, string Name)> CreateKeyAsync(string role, params string[] streets)
    {
        await using var dataSource = GridGeoDatabase.Open(new StorageOptions(ConnectionString));
        var (key, identity) = await new ApiKeyStore(dataSource).CreateAsync($"{role}-{Guid.NewGuid():N}"[..16], role, streets);
        return (key, identity.Name);
    }

    /// <summary>Revokes every key named <paramref name="name"/>.</summary>
    public async Task RevokeKeyAsync(string name)
    {
        await using var dataSource = GridGeoDatabase.Open(new StorageOptions(ConnectionString));
        await new ApiKeyStore(dataSource).RevokeAsync(name);
    }

    /// <summary>The sample district's street: a planner key for it may edit every grid there.</summary>
    public async Task<string> CreatePlannerKeyAsync() => (await CreateKeyAsync(ApiRoles.Planner, SampleDistrict.Community[..9])).Key;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force)", conn);
        await drop.ExecuteNonQueryAsync();
    }
}

using System.Diagnostics;
using GridGeo.Api;
using GridGeo.Storage;
using GridGeo.Storage.Import;
using GridGeo.Storage.Migrations;
using GridGeo.Storage.Plans;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace GridGeo.Viewer.Tests;

/// <summary>
/// The real GridGeo API on a free 127.0.0.1 port (Kestrel, so that Chromium can reach it), over a database of
/// its own holding <see cref="SampleDistrict"/> with its grids as the published plan, serving the built viewer.
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

    public static async Task<ViewerHost> StartAsync()
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
            await new BundleImporter(dataSource).ImportAsync(SampleDistrict.Bundle());
            var plans = new PlanStore(dataSource);
            var plan = await plans.CreateDraftAsync(PlanKinds.Import, createdBy: "viewer-tests");
            await plans.SaveGridsAsync(plan, SampleDistrict.Grids());
            await plans.CompleteAsync(plan, new { grids = SampleDistrict.Specs.Length });
            var published = await plans.PublishAsync(plan, "viewer-tests");
            if (published.Outcome != PublishOutcome.Published) throw new InvalidOperationException($"the sample plan was not published: {published.Outcome}");
        }

        var app = ApiHost.Build(
        [
            $"--ConnectionStrings:GridGeo={connectionString}",
            $"--GridGeo:ViewerPath={viewerPath}",
            "--Logging:LogLevel:Default=Warning",
        ], "http://127.0.0.1:0");
        await app.StartAsync();
        var url = app.Urls.First(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new ViewerHost(app, url.TrimEnd('/'), admin, database, connectionString);
    }

    /// <summary>The built viewer; built by scripts/build-viewer.sh when a test run starts without it.</summary>
    private static string EnsureViewerBuilt()
    {
        var root = RepoPaths.Root;
        var wwwroot = Path.Combine(root, "src", "GridGeo.Api", "wwwroot");
        if (File.Exists(Path.Combine(wwwroot, "index.html"))) return wwwroot;
        var build = Process.Start(new ProcessStartInfo(Path.Combine(root, "scripts", "build-viewer.sh")) { UseShellExecute = false })!;
        build.WaitForExit();
        if (build.ExitCode != 0 || !File.Exists(Path.Combine(wwwroot, "index.html")))
            throw new InvalidOperationException($"scripts/build-viewer.sh failed (exit {build.ExitCode}): the viewer is not built in {wwwroot}");
        return wwwroot;
    }

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

using System.Net;
using System.Net.Sockets;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using Microsoft.AspNetCore.Builder;

namespace GridGeo.Api.Tests.Ogc;

/// <summary>
/// The real service listening on a free loopback port (Kestrel, as <c>serve</c> runs it) over its own
/// <see cref="TestDatabase"/> seeded with <see cref="TestBundle"/> and the published <see cref="TestGrids.HalvesOf"/>
/// plan of <see cref="County"/>: for clients that need a real socket, such as GDAL.
/// </summary>
public sealed class LiveGridGeo : IAsyncLifetime
{
    public const string County = "250101";

    private WebApplication? _app;

    public TestDatabase Database { get; } = new();

    /// <summary>The service root, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await new BundleImporter(Database.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(County)));
        var plans = new PlanStore(Database.DataSource);
        var id = await plans.CreateDraftAsync(PlanKinds.Partition, new { County });
        await plans.SaveGridsAsync(id, TestGrids.HalvesOf(County));
        await plans.CompleteAsync(id, new { grids = 4 });
        await plans.PublishAsync(id, "test");

        Url = $"http://127.0.0.1:{FreePort()}";
        _app = ApiHost.Build([$"--ConnectionStrings:GridGeo={Database.ConnectionString}"], Url);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

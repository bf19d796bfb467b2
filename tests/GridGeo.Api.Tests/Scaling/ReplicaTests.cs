using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using GridGeo.Api.Locate;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Storage;
using GridGeo.Storage.Migrations;
using GridGeo.Storage.Plans;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Npgsql;
using Xunit.Abstractions;

namespace GridGeo.Api.Tests.Scaling;

/// <summary>
/// Two API hosts over one primary and its streaming replica (a cluster pair of their own, made by scripts/pg.sh and
/// scripts/pg-replica.sh on ports next to GRIDGEO_PG_PORT, removed at the end): host A reads and writes the primary,
/// host B writes to the primary and reads lookups from the replica. A plan published through A is answered by B within
/// a second — the primary's notification wakes B, which waits for the replica to replay it, then rebuilds.
/// </summary>
public sealed class ReplicaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double Lon0 = 106.70, Lat0 = 26.50, Size = 0.001;
    private readonly string _root = FindRoot();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gridgeo-replica-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _primaryPort = BasePort() + 20;
    private int ReplicaPort => _primaryPort + 1;
    private WebApplicationFactory<Program>? _a, _b;

    private Dictionary<string, string> Env => new()
    {
        ["GRIDGEO_PG_PORT"] = _primaryPort.ToString(CultureInfo.InvariantCulture),
        ["GRIDGEO_PG_DATA"] = Path.Combine(_dir, "primary"),
        ["GRIDGEO_PG_REPLICA_PORT"] = ReplicaPort.ToString(CultureInfo.InvariantCulture),
        ["GRIDGEO_PG_REPLICA_DATA"] = Path.Combine(_dir, "replica"),
        ["GRIDGEO_PG_DB"] = "gridgeo",
    };

    private string Primary => $"Host=127.0.0.1;Port={_primaryPort};Username=postgres;Database=gridgeo";
    private string Replica => $"Host=127.0.0.1;Port={ReplicaPort};Username=postgres;Database=gridgeo";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        if (Environment.UserName == "root") await RunAsync("chmod", "755", _dir);
        await RunAsync(Path.Combine(_root, "scripts", "pg.sh"), "up");
        await MigrationRunner.MigrateAsync(Primary);
        await RunAsync(Path.Combine(_root, "scripts", "pg-replica.sh"), "up");
        await using var source = GridGeoDatabase.Open(new StorageOptions(Primary));
        await using (var cmd = source.CreateCommand("""
            insert into counties (code, name) values ('520102', '南明区');
            insert into streets (code, county_code, name) values ('520102001', '520102', '花果园街道');
            insert into communities (code, street_code, name, boundary) values ('520102001001', '520102001', '幸福社区', st_makeenvelope(106.70, 26.50, 106.705, 26.51, 4326));
            """))
            await cmd.ExecuteNonQueryAsync();
        await PublishAsync(new PlanStore(source), Columns(0));

        WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting(StorageOptions.ConfigurationKey, Primary);
            b.UseSetting("GridGeo:Locate:PollSeconds", "3600");
            foreach (var (k, v) in settings) b.UseSetting(k, v);
        });
        _a = Host();
        _b = Host((ReadDatabase.ConfigurationKey, Replica));
    }

    public async Task DisposeAsync()
    {
        if (_a is not null) await _a.DisposeAsync();
        if (_b is not null) await _b.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try { await RunAsync(Path.Combine(_root, "scripts", "pg-replica.sh"), "down"); } catch (InvalidOperationException) { }
        try { await RunAsync(Path.Combine(_root, "scripts", "pg.sh"), "down"); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Five grids: column i of the community, codes 520102001001{base+i}.</summary>
    private static List<Grid> Columns(int sequenceBase) =>
        Enumerable.Range(0, 5).Select(i =>
        {
            var code = "520102001001" + (sequenceBase + i + 1).ToString("D3", CultureInfo.InvariantCulture);
            return new Grid(code, code[..12], GridKinds.Basic, null, 0, [],
                GeoFactory.Wgs84.CreatePolygon([new(Lon0 + i * Size, Lat0), new(Lon0 + (i + 1) * Size, Lat0), new(Lon0 + (i + 1) * Size, Lat0 + 10 * Size),
                    new(Lon0 + i * Size, Lat0 + 10 * Size), new(Lon0 + i * Size, Lat0)]));
        }).ToList();

    private static async Task PublishAsync(PlanStore plans, IReadOnlyList<Grid> grids)
    {
        var plan = await plans.CreateDraftAsync(PlanKinds.Import);
        await plans.SaveGridsAsync(plan, grids);
        await plans.CompleteAsync(plan, new { test = true });
        Assert.Equal(PublishOutcome.Published, (await plans.PublishAsync(plan)).Outcome);
    }

    private static async Task<string?> GridAt(HttpClient client, double lon, double lat)
    {
        var response = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/locate?lon={lon:R}&lat={lat:R}"));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("grid").GetProperty("code").GetString();
    }

    [Fact]
    public async Task A_plan_published_through_one_host_is_answered_by_the_other_reading_the_replica_within_a_second()
    {
        var a = _a!.CreateClient();
        var b = _b!.CreateClient();
        var (lon, lat) = (Lon0 + 2.5 * Size, Lat0 + 5 * Size);
        Assert.Equal("520102001001003", await GridAt(a, lon, lat));
        Assert.Equal("520102001001003", await GridAt(b, lon, lat));
        var read = _b.Services.GetRequiredService<ReadDatabase>();
        Assert.True(read.IsReplica);
        await using (var cmd = read.DataSource.CreateCommand("select pg_is_in_recovery()")) Assert.Equal(true, await cmd.ExecuteScalarAsync());

        // The edit: a new plan saved and published through host A (its own stores, its own connections to the primary).
        // Twice: the first rebuild also compiles the rebuild path (just-in-time), the second is what a running service sees.
        foreach (var (sequence, limit) in new[] { (100, TimeSpan.FromSeconds(10)), (200, TimeSpan.FromSeconds(1)) })
        {
            await PublishAsync(_a.Services.GetRequiredService<PlanStore>(), Columns(sequence));
            _a.Services.GetRequiredService<ILocatorProvider>().Invalidate();
            var expected = "520102001001" + (sequence + 3).ToString("D3", CultureInfo.InvariantCulture);
            var clock = Stopwatch.StartNew();
            while (await GridAt(b, lon, lat) != expected)
            {
                Assert.True(clock.Elapsed < limit, $"host B (reading the replica) did not answer the new plan within {limit.TotalSeconds} s");
                await Task.Delay(5);
            }
            output.WriteLine($"edit visibility delay on the host reading the replica: {clock.Elapsed.TotalMilliseconds:F0} ms (limit {limit.TotalSeconds} s)");
            // The host the edit went through rebuilds on its own schedule too (Invalidate and the notification).
            while (await GridAt(a, lon, lat) != expected)
            {
                Assert.True(clock.Elapsed < limit, $"host A did not answer its own new plan within {limit.TotalSeconds} s");
                await Task.Delay(5);
            }
        }
    }

    private async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in Env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
    }

    private static int BasePort()
    {
        var url = StorageOptions.Resolve().ConnectionString;
        return new NpgsqlConnectionStringBuilder(url).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GridGeo.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find GridGeo.sln above " + AppContext.BaseDirectory);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using GridGeo.IO;
using GridGeo.Storage;
using GridGeo.Storage.Migrations;
using Npgsql;

namespace GridGeo.Api.Tests.Security.Support;

/// <summary>
/// A PostgreSQL cluster of its own for the fault tests, made by <c>scripts/pg.sh</c> on a free port in a temporary
/// folder (never the shared one), migrated, and removed afterwards; the tests stop and start it at will.
/// </summary>
public sealed class ThrowawayCluster : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"gridgeo-fault-{Guid.NewGuid():N}");
    private readonly string _script = Path.Combine(RepositoryRoot.Find() ?? throw new InvalidOperationException("the checkout (scripts/pg.sh) was not found"), "scripts", "pg.sh");

    public int Port { get; } = FreePort();

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=gridgeo;Pooling=true;Timeout=5;Command Timeout=60";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await RunScriptAsync("up");
        await MigrationRunner.MigrateAsync(ConnectionString);
        DataSource = GridGeoDatabase.Open(new StorageOptions(ConnectionString));
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>; throws when there is none.</summary>
    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException($"no value: {sql}");
    }

    public Task StopAsync() => RunScriptAsync("down");

    /// <summary>Starts the cluster again; the pooled connections of <see cref="DataSource"/>, cut by the stop, are dropped.</summary>
    public async Task StartAsync()
    {
        await RunScriptAsync("up");
        DataSource.Clear();
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null) await DataSource.DisposeAsync();
        try { await RunScriptAsync("down"); }
        finally
        {
            try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task RunScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", [_script, command]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["GRIDGEO_PG_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["GRIDGEO_PG_DATA"] = _data;
        start.Environment["GRIDGEO_PG_DB"] = "gridgeo";
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/pg.sh {command} failed ({process.ExitCode}): {await output}{await stdout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

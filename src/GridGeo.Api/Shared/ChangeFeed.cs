using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace GridGeo.Api.Shared;

/// <summary>
/// The database's change notifications (migration 0020: channel <c>gridgeo_changed</c>, payload <c>plan</c>,
/// <c>addresses</c> or <c>api_keys</c>), received on one connection that LISTENs for the life of the process and handed
/// to the subscribers — the grid locator and the API key cache — so that a change made through any process is seen by
/// every process at once rather than at its next poll. After every (re)connection the subscribers get
/// <see cref="Everything"/>: whatever changed while nobody listened. Notifications come from the primary: a process
/// reading from a replica is told by the primary.
/// </summary>
public sealed class ChangeFeed(NpgsqlDataSource dataSource, ILogger<ChangeFeed> log) : BackgroundService
{
    public const string Channel = "gridgeo_changed";
    public const string Plan = "plan", Addresses = "addresses", ApiKeys = "api_keys", Everything = "*";

    // A connection that has heard nothing for this long is checked with a trivial query, so that a dead one is replaced.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);
    private readonly List<Action<string>> _subscribers = [];
    private volatile bool _listening;

    /// <summary>True while the LISTEN connection is up.</summary>
    public bool IsListening => _listening;

    /// <summary>Calls <paramref name="onChange"/> with each payload (on the feed's thread: return quickly).</summary>
    public void Subscribe(Action<string> onChange)
    {
        lock (_subscribers) _subscribers.Add(onChange);
    }

    private void Raise(string payload)
    {
        Action<string>[] subscribers;
        lock (_subscribers) subscribers = [.. _subscribers];
        foreach (var s in subscribers)
        {
            try { s(payload); }
            catch (Exception ex) { log.LogWarning(ex, "a change subscriber failed on \"{Payload}\"", payload); }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, e) => Raise(e.Payload);
                await using (var listen = new NpgsqlCommand("listen " + Channel, conn)) await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening = true;
                Raise(Everything);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (await conn.WaitAsync(KeepAlive, stoppingToken)) continue;
                    await using var ping = new NpgsqlCommand("select 1", conn);
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (_listening) log.LogWarning(ex, "the change feed lost its connection; reconnecting");
                _listening = false;
                try { await Task.Delay(Retry, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}

public static class ChangeFeedServiceCollectionExtensions
{
    /// <summary>Registers the one <see cref="ChangeFeed"/> of the process (safe to call from every feature that subscribes).</summary>
    public static IServiceCollection AddChangeFeed(this IServiceCollection services)
    {
        services.TryAddSingleton<ChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        return services;
    }
}

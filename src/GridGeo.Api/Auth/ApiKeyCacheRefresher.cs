using GridGeo.Api.Shared;
using GridGeo.Storage.Auth;

namespace GridGeo.Api.Auth;

/// <summary>
/// Keeps the <see cref="ApiKeyCache"/> current: reloads it when the <see cref="ChangeFeed"/> reports a change of
/// <c>api_keys</c> (or reconnects), and every <see cref="Interval"/> in case a notification was lost.
/// </summary>
public sealed class ApiKeyCacheRefresher(ApiKeyCache cache, ChangeFeed changes, ILogger<ApiKeyCacheRefresher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        changes.Subscribe(payload =>
        {
            if (payload is not (ChangeFeed.ApiKeys or ChangeFeed.Everything)) return;
            try { _wake.Release(); }
            catch (SemaphoreFullException) { /* a reload is already due */ }
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await cache.ReloadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "the API keys could not be read; the previous copy stays in service");
            }
            try { await _wake.WaitAsync(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}

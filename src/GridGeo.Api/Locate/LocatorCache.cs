using GridGeo.Api.Shared;
using GridGeo.Core.Lookup;
using GridGeo.Storage;
using GridGeo.Storage.Lookup;

namespace GridGeo.Api.Locate;

/// <summary>
/// The process's <see cref="ILocatorProvider"/>: a background loop that rebuilds the snapshot when
/// <see cref="Invalidate"/> is called, checks the database fingerprints when the <see cref="ChangeFeed"/> says
/// something changed (a publish, edit or import by any process), and otherwise every
/// <see cref="LocateOptions.PollSeconds"/> (in case a notification was lost). Builds are serialised; a failed build keeps the previous snapshot in service.
/// </summary>
public sealed class LocatorCache : BackgroundService, ILocatorProvider
{
    private readonly LocateStore _store;
    private readonly LocateOptions _options;
    private readonly ILogger<LocatorCache> _log;
    private readonly ReadDatabase _read;
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TaskCompletionSource<LocatorSnapshot> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LocatorSnapshot? _current;
    private volatile bool _forced;

    public LocatorCache(LocateStore store, LocateOptions options, ChangeFeed changes, ReadDatabase read, ILogger<LocatorCache> log)
    {
        _store = store;
        _options = options;
        _log = log;
        _read = read;
        // A change notified by the database: check the fingerprints now instead of at the next poll.
        changes.Subscribe(payload =>
        {
            if (payload is ChangeFeed.Plan or ChangeFeed.Addresses or ChangeFeed.Everything) Wake();
        });
    }

    public LocatorSnapshot? Current => Volatile.Read(ref _current);

    public async ValueTask<LocatorSnapshot?> GetAsync(TimeSpan wait, CancellationToken ct = default)
    {
        var current = Current;
        if (current is not null) return current;
        try { return await _first.Task.WaitAsync(wait, ct); }
        catch (TimeoutException) { return null; }
    }

    public void Invalidate()
    {
        _forced = true;
        Wake();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; one rebuild serves both requests.
        }
    }

    public Task<LocatorSnapshot> RefreshAsync(CancellationToken ct = default) => BuildIfChangedAsync(force: false, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(_options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var force = _forced;
                _forced = false;
                await BuildIfChangedAsync(force, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "the grid locator could not be rebuilt; the previous one stays in service");
            }
            try { await _wake.WaitAsync(poll, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task<LocatorSnapshot> BuildIfChangedAsync(bool force, CancellationToken ct)
    {
        await _building.WaitAsync(ct);
        try
        {
            // Reading from a replica: first let it replay what the primary had committed (what a notification announced).
            if (!await _read.CatchUpAsync(CatchUpWait, ct)) _log.LogWarning("the read replica lags the primary by more than {Seconds} s", CatchUpWait.TotalSeconds);
            var fingerprint = await _store.GetFingerprintAsync(ct);
            var addresses = await _store.GetAddressesVersionAsync(ct);
            var current = Current;
            var planChanged = force || current is null || current.Fingerprint != fingerprint;
            // Households change only by statements the addresses version counts: a forced rebuild need not re-read them.
            var addressesChanged = current?.DoorPlates is null || current.AddressesVersion != addresses;
            if (!planChanged && !addressesChanged) return current!;

            var snapshot = current!;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (planChanged)
            {
                var grids = await _store.GetCurrentGridsAsync(ct);
                var units = await _store.GetCurrentLiaisonUnitsAsync(ct);
                var names = await _store.GetAreaNamesAsync(ct);
                snapshot = await Task.Run(() => LocatorSnapshot.Build(fingerprint, grids, units, names, current), ct);
                // The point lookup answers from the new plan at once; the door plates follow when placed.
                Publish(snapshot);
                _log.LogInformation("grid locator built: {Grids} grids, {Units} liaison units with outlines, {Cells} cells in {Ms} ms",
                    grids.Count, snapshot.Units.Count, snapshot.Grids.CellCount, clock.ElapsedMilliseconds);
            }

            clock.Restart();
            var index = addressesChanged ? await _store.ReadDoorPlatesAsync(ct) : current!.DoorPlates!.Index;
            var members = await _store.GetCurrentLiaisonMembersAsync(ct);
            var placed = await Task.Run(() => DoorPlateGrids.Build(index, snapshot.Grids, members), ct);
            snapshot = snapshot.WithDoorPlates(placed, addresses);
            Publish(snapshot);
            _log.LogInformation("door-plate index {Action}: {Households} households, {Buildings} buildings, {Names} names in {Ms} ms",
                addressesChanged ? "built" : "placed in the new grids", index.HouseholdCount, index.BuildingCount, index.NameCount, clock.ElapsedMilliseconds);
            return snapshot;
        }
        finally
        {
            _building.Release();
        }
    }

    private void Publish(LocatorSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        _first.TrySetResult(snapshot);
    }

    public override void Dispose()
    {
        _building.Dispose();
        _wake.Dispose();
        base.Dispose();
    }
}

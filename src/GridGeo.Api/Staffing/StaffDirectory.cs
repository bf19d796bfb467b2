using GridGeo.Core;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Staffing;

namespace GridGeo.Api.Staffing;

/// <summary>
/// An immutable in-memory view of the roster: who serves each grid and liaison unit, so that routing an event or answering
/// a lookup with <c>include=staff</c> costs no database query. Built off the request path and swapped whole.
/// </summary>
public sealed class StaffSnapshot
{
    private readonly Dictionary<string, List<StaffPerson>> _byCode;
    private readonly Dictionary<string, List<(string Unit, StaffPerson Person)>> _liaisonHeadsByGrid = new(StringComparer.Ordinal);

    public StaffSnapshot(string fingerprint, IReadOnlyList<StaffPerson> people)
    {
        Fingerprint = fingerprint;
        People = people.ToDictionary(p => p.Id);
        _byCode = new Dictionary<string, List<StaffPerson>>(StringComparer.Ordinal);
        foreach (var p in people.OrderBy(p => p.Id))
        foreach (var code in p.Assignments)
        {
            if (!_byCode.TryGetValue(code, out var list)) _byCode[code] = list = [];
            list.Add(p);
            if (p.Role == StaffRoles.LiaisonHead && code.Length == AdminCodes.LiaisonUnitLength)
            {
                var grid = code[..AdminCodes.GridLength];
                if (!_liaisonHeadsByGrid.TryGetValue(grid, out var heads)) _liaisonHeadsByGrid[grid] = heads = [];
                heads.Add((code, p));
            }
        }
        foreach (var heads in _liaisonHeadsByGrid.Values) heads.Sort((a, b) => string.CompareOrdinal(a.Unit, b.Unit));
    }

    public string Fingerprint { get; }
    public IReadOnlyDictionary<long, StaffPerson> People { get; }

    /// <summary>The first (lowest id) person in <paramref name="role"/> assigned <paramref name="code"/>; null when none.</summary>
    public StaffPerson? Serving(string? code, string role)
    {
        if (code is null || !_byCode.TryGetValue(code, out var list)) return null;
        foreach (var p in list)
            if (p.Role == role) return p;
        return null;
    }

    /// <summary>Everyone assigned <paramref name="code"/>.</summary>
    public IReadOnlyList<StaffPerson> AllServing(string code) => _byCode.GetValueOrDefault(code) ?? [];

    /// <summary>The liaison heads of the liaison units of grid <paramref name="gridCode"/> (codes starting with it), by unit code.</summary>
    public IReadOnlyList<(string Unit, StaffPerson Person)> LiaisonHeadsOf(string gridCode) =>
        _liaisonHeadsByGrid.GetValueOrDefault(gridCode) ?? [];
}

/// <summary>
/// The process's <see cref="StaffSnapshot"/>: rebuilt when <see cref="Invalidate"/> is called (after a roster write, a
/// publish or an edit) and when the roster's fingerprint changes (checked every <see cref="StaffOptions.PollSeconds"/>),
/// like the grid locator. A failed build keeps the previous snapshot.
/// </summary>
public sealed class StaffDirectory(StaffStore store, StaffOptions options, ILogger<StaffDirectory> log) : BackgroundService
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private StaffSnapshot? _current;
    private volatile bool _forced;

    /// <summary>The snapshot in use; built on first use when the background loop has not yet.</summary>
    public async ValueTask<StaffSnapshot> GetAsync(CancellationToken ct = default) => Volatile.Read(ref _current) ?? await BuildAsync(false, ct);

    /// <summary>Rebuilds now from the database (roster writes call this before answering, so that a read after a write sees it).</summary>
    public Task<StaffSnapshot> RefreshAsync(CancellationToken ct = default) => BuildAsync(true, ct);

    public void Invalidate()
    {
        _forced = true;
        try { _wake.Release(); }
        catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var force = _forced;
                _forced = false;
                await BuildAsync(force, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "the staff directory could not be rebuilt; the previous one stays in service");
            }
            try { await _wake.WaitAsync(poll, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task<StaffSnapshot> BuildAsync(bool force, CancellationToken ct)
    {
        await _building.WaitAsync(ct);
        try
        {
            var fingerprint = await store.FingerprintAsync(ct);
            var current = Volatile.Read(ref _current);
            if (!force && current is not null && current.Fingerprint == fingerprint) return current;
            var snapshot = new StaffSnapshot(fingerprint, await store.ListAsync(ct: ct));
            Volatile.Write(ref _current, snapshot);
            return snapshot;
        }
        finally
        {
            _building.Release();
        }
    }

    public override void Dispose()
    {
        _building.Dispose();
        _wake.Dispose();
        base.Dispose();
    }
}

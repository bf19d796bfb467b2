using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Auth;

/// <summary>
/// Verifies presented API keys against an in-memory copy of the active keys' lookups, salts and hashes (never the keys
/// themselves), so that a request carrying a key costs two SHA-256 hashes and no database round trip. The copy is
/// replaced whole by <see cref="ReloadAsync"/>, which the API calls when the database notifies a change of
/// <c>api_keys</c> (a key added or revoked, by any process: migration 0020), after each reconnection of that
/// notification channel, and at a fixed interval as a safety net. A key revoked is thus refused as soon as the
/// notification arrives, milliseconds after the revoking transaction commits.
/// </summary>
public sealed class ApiKeyCache(NpgsqlDataSource dataSource)
{
    private sealed record Entry(ApiKeyIdentity Identity, byte[] Salt, byte[] Hash);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Dictionary<string, Entry>? _keys;

    /// <summary>When the copy in use was read, or null before the first read.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>How many active keys the copy holds.</summary>
    public int Count => _keys?.Count ?? 0;

    /// <summary>Reads the active keys and puts the new copy in service.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await _loading.WaitAsync(ct);
        try
        {
            var keys = new Dictionary<string, Entry>(StringComparer.Ordinal);
            await using var cmd = dataSource.CreateCommand(ApiKeySql.Active);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var identity = new ApiKeyIdentity(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3));
                keys[r.GetString(4)] = new Entry(identity, (byte[])r[5], (byte[])r[6]);
            }
            _keys = keys;
            // Whatever was looked up since the previous copy is in this one, or revoked.
            _late.Clear();
            _misses.Clear();
            LoadedAt = DateTimeOffset.UtcNow;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// The identity of <paramref name="key"/>, or null when it is unknown, revoked or does not match (it never says
    /// which). A key not in the copy may be newer than it (created an instant ago by another process, the notification
    /// still on its way): such a key is looked up once in the database — a lookup checked in vain is not checked again
    /// until the next reload, and at most <see cref="MissQueriesPerSecond"/> such look-ups are made, so that a flood of
    /// made-up keys never becomes a flood of queries.
    /// </summary>
    public ValueTask<ApiKeyIdentity?> FindAsync(string key, CancellationToken ct = default)
    {
        var keys = _keys;
        if (keys is null) return FirstFindAsync(key, ct);
        if (string.IsNullOrEmpty(key) || key.Length > 512) return ValueTask.FromResult<ApiKeyIdentity?>(null);
        var lookup = ApiKeySecrets.Lookup(key);
        if (keys.TryGetValue(lookup, out var entry) || _late.TryGetValue(lookup, out entry))
            return ValueTask.FromResult(ApiKeySecrets.Verify(key, entry.Salt, entry.Hash) ? entry.Identity : null);
        if (_misses.ContainsKey(lookup) || !TakeMissBudget()) return ValueTask.FromResult<ApiKeyIdentity?>(null);
        return FindLateAsync(key, lookup, ct);
    }

    /// <summary>The most database look-ups per second for keys the copy does not hold.</summary>
    public const int MissQueriesPerSecond = 20;

    private const int MaxRememberedMisses = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry> _late = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _misses = new(StringComparer.Ordinal);
    private long _budgetSecond;
    private int _budgetUsed;

    private bool TakeMissBudget()
    {
        var second = Environment.TickCount64 / 1000;
        if (Interlocked.Exchange(ref _budgetSecond, second) != second) Interlocked.Exchange(ref _budgetUsed, 0);
        return Interlocked.Increment(ref _budgetUsed) <= MissQueriesPerSecond;
    }

    private async ValueTask<ApiKeyIdentity?> FindLateAsync(string key, string lookup, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(ApiKeySql.FindByLookup);
        cmd.Parameters.AddWithValue("lookup", lookup);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            if (_misses.Count >= MaxRememberedMisses) _misses.Clear();
            _misses.TryAdd(lookup, 0);
            return null;
        }
        var entry = new Entry(new ApiKeyIdentity(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3)), (byte[])r[4], (byte[])r[5]);
        _late[lookup] = entry;
        return ApiKeySecrets.Verify(key, entry.Salt, entry.Hash) ? entry.Identity : null;
    }

    private async ValueTask<ApiKeyIdentity?> FirstFindAsync(string key, CancellationToken ct)
    {
        if (_keys is null) await ReloadAsync(ct);
        return await FindAsync(key, ct);
    }
}

using Npgsql;

namespace GridGeo.Storage;

/// <summary>
/// Where lookups and exports read: a streaming replica when <c>ConnectionStrings:GridGeoRead</c> (env
/// <c>GRIDGEO_DB_READ</c>) is set, else the primary's own pool. Writes, plan jobs and change notifications always go
/// to the primary (<see cref="NpgsqlDataSource"/>). A replica lags the primary by the time it takes to replay the
/// WAL; <see cref="CatchUpAsync"/> waits until it has replayed everything the primary had committed when it was called.
/// </summary>
public sealed class ReadDatabase(NpgsqlDataSource dataSource, NpgsqlDataSource primary, bool isReplica)
{
    public const string ConfigurationKey = "ConnectionStrings:GridGeoRead";
    public const string EnvironmentVariable = "GRIDGEO_DB_READ";

    /// <summary>The pool reads go to.</summary>
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>True when reads go to a replica rather than the primary.</summary>
    public bool IsReplica { get; } = isReplica;

    /// <summary>
    /// Waits until the replica has replayed the primary's WAL as of now (at once on the primary); false when it has not
    /// within <paramref name="timeout"/>. Call after a change notification, before reading what changed.
    /// </summary>
    public async Task<bool> CatchUpAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        if (!IsReplica) return true;
        string lsn;
        await using (var cmd = primary.CreateCommand("select pg_current_wal_lsn()::text")) lsn = (string)(await cmd.ExecuteScalarAsync(ct))!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var cmd = DataSource.CreateCommand("select coalesce(pg_last_wal_replay_lsn() >= @lsn::pg_lsn, true)"))
            {
                cmd.Parameters.AddWithValue("lsn", lsn);
                if (await cmd.ExecuteScalarAsync(ct) is true) return true;
            }
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(5, ct);
        }
    }

    /// <summary>The read connection string from <paramref name="configuration"/> or the environment; null when reads go to the primary.</summary>
    public static string? ResolveConnectionString(Microsoft.Extensions.Configuration.IConfiguration? configuration)
    {
        var configured = configuration?[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(env) ? null : env;
    }
}

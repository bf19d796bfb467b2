using Dapper;
using GridGeo.Core.Editing;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Editing;

/// <summary>
/// Storage for grid edits: opens an <see cref="GridEditSession"/> over one community (its current grids locked
/// until the session ends), and reads a grid's audited history. "Not found" is null, never an exception.
/// </summary>
public sealed class GridEditStore(NpgsqlDataSource dataSource)
{
    private readonly Bundles.BundleStore _bundles = new(dataSource);

    /// <summary>The community of the current grid <paramref name="gridCode"/>; null when no current grid has that code.</summary>
    public async Task<string?> CommunityOfAsync(string gridCode, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(EditSql.CommunityOfGrid, new { code = gridCode }, cancellationToken: ct));
    }

    /// <summary>
    /// Starts an edit of community <paramref name="communityCode"/>: a transaction holding row locks on all its current
    /// grids, with the scope loaded. Null when the community has no current grid.
    /// </summary>
    public async Task<GridEditSession?> BeginAsync(string communityCode, CancellationToken ct = default)
    {
        var write = await Model.WriteSession.BeginAsync(dataSource, ct);
        try
        {
            var session = await GridEditSession.LoadAsync(write, _bundles, communityCode, ct);
            if (session is not null) return session;
            await write.DisposeAsync();
            return null;
        }
        catch
        {
            await write.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every audited change that touched grid <paramref name="code"/>, oldest first.</summary>
    public async Task<IReadOnlyList<GridHistoryEntry>> HistoryAsync(string code, CancellationToken ct = default)
    {
        return await ReadHistoryAsync(EditSql.History, code, null, ct);
    }

    /// <summary>The change that took grid <paramref name="code"/> off <paramref name="version"/>; null when there is none.</summary>
    public async Task<GridHistoryEntry?> ChangeFromVersionAsync(string code, int version, CancellationToken ct = default)
    {
        return (await ReadHistoryAsync(EditSql.ChangeFromVersion, code, version, ct)).FirstOrDefault();
    }

    private async Task<IReadOnlyList<GridHistoryEntry>> ReadHistoryAsync(string sql, string code, int? version, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("code", code);
        if (version is { } v) cmd.Parameters.AddWithValue("version", v);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<GridHistoryEntry>();
        while (await r.ReadAsync(ct))
        {
            result.Add(new GridHistoryEntry(r.GetInt64(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4),
                StoredRows.NullableString(r, 5), StoredRows.NullableString(r, 6), r.GetFieldValue<string[]>(7)));
        }
        return result;
    }
}

using Dapper;
using GridGeo.Core.Editing;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace GridGeo.Storage.Editing;

/// <summary>
/// Storage for grid edits: opens an <see cref="GridEditSession"/> over one community (its current grids locked
/// until the session ends), and reads a grid's audited history. "Not found" is null, never an exception.
/// </summary>
public sealed class GridEditStore(NpgsqlDataSource dataSource)
{
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
        var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var tx = await conn.BeginTransactionAsync(ct);
            var session = await GridEditSession.LoadAsync(conn, tx, communityCode, ct);
            if (session is not null) return session;
            await tx.DisposeAsync();
            await conn.DisposeAsync();
            return null;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every audited change that touched grid <paramref name="code"/>, oldest first.</summary>
    public async Task<IReadOnlyList<GridHistoryEntry>> HistoryAsync(string code, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<HistoryRow>(new CommandDefinition(EditSql.History, new { code }, cancellationToken: ct)))
            .Select(r => r.ToEntry()).ToList();
    }

    /// <summary>The change that took grid <paramref name="code"/> off <paramref name="version"/>; null when there is none.</summary>
    public async Task<GridHistoryEntry?> ChangeFromVersionAsync(string code, int version, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<HistoryRow>(new CommandDefinition(EditSql.ChangeFromVersion, new { code, version }, cancellationToken: ct));
        return row?.ToEntry();
    }

    internal sealed record HistoryRow(long Id, string Who, DateTime At, string Action, string Entity, string? Before, string? After, string[] Grids)
    {
        public GridHistoryEntry ToEntry() =>
            new(Id, Who, new DateTimeOffset(DateTime.SpecifyKind(At, DateTimeKind.Utc)), Action, Entity, Before, After, Grids);
    }

    internal static NpgsqlParameter TextArray(string name, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}

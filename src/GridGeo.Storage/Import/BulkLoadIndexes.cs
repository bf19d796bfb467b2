using Dapper;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Import;

/// <summary>
/// For a large load: drops the foreign keys, the unreferenced primary/unique keys and the plain indexes of
/// some tables inside the load's transaction, and puts them back afterwards. Building an index once over
/// sorted rows, and checking a foreign key with one join, is many times faster than maintaining them row
/// by row. Every definition is read from the catalog, so the migrations stay the only place they are written.
/// A duplicate or dangling row surfaces when the key is restored, and the transaction rolls back.
/// </summary>
internal sealed class BulkLoadIndexes
{
    private readonly List<(string Table, string Name, string Definition)> _keys = [];
    private readonly List<(string Name, string Definition)> _indexes = [];
    private readonly List<(string Table, string Name, string Definition)> _foreignKeys = [];

    /// <summary>Drops them for <paramref name="tables"/>, referencing tables first (households before buildings).</summary>
    public static async Task<BulkLoadIndexes> DropAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<string> tables, CancellationToken ct)
    {
        var result = new BulkLoadIndexes();
        await Exec(conn, tx, ImportSql.BulkMemory, ct);
        foreach (var table in tables)
        {
            foreach (var (name, def) in await Query(conn, tx, ImportSql.ForeignKeys, table, ct))
            {
                await Exec(conn, tx, $"alter table {Quote(table)} drop constraint {Quote(name)}", ct);
                result._foreignKeys.Add((table, name, def));
            }
            foreach (var (name, def) in await Query(conn, tx, ImportSql.UnreferencedKeys, table, ct))
            {
                await Exec(conn, tx, $"alter table {Quote(table)} drop constraint {Quote(name)}", ct);
                result._keys.Add((table, name, def));
            }
            foreach (var (name, def) in await Query(conn, tx, ImportSql.PlainIndexes, table, ct))
            {
                await Exec(conn, tx, $"drop index {Quote(name)}", ct);
                result._indexes.Add((name, def));
            }
        }
        return result;
    }

    /// <summary>Builds the keys, then the indexes, then checks the foreign keys; <paramref name="log"/> hears each.</summary>
    public async Task RestoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Action<string> log, CancellationToken ct)
    {
        foreach (var (table, name, def) in _keys)
        {
            await Exec(conn, tx, $"alter table {Quote(table)} add constraint {Quote(name)} {def}", ct);
            log($"built {name}");
        }
        foreach (var (name, def) in _indexes)
        {
            await Exec(conn, tx, def, ct);
            log($"built {name}");
        }
        foreach (var (table, name, def) in _foreignKeys)
        {
            await Exec(conn, tx, $"alter table {Quote(table)} add constraint {Quote(name)} {def}", ct);
            log($"checked {name}");
        }
    }

    // Names come from the catalog, not from input; quoting keeps any case or character intact.
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<List<(string Name, string Definition)>> Query(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, string table, CancellationToken ct) =>
        (await conn.QueryAsync<(string, string)>(new CommandDefinition(sql, new { table }, tx, cancellationToken: ct))).ToList();

    private static Task Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: ct));
}

using GridGeo.Storage.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace GridGeo.Storage.Tests.Model;

/// <summary>
/// Compares the write model (<see cref="GridGeoDbContext"/>) with a migrated database, from the pg catalog: every
/// entity's table exists; every mapped column exists with the model's type and nullability; the primary key has the
/// model's columns; every value the model leaves to the database on insert has a default or identity there; every
/// column the model does not map can be left out of an insert (nullable, or with a default); every foreign key of the
/// model exists. Returns one line per difference, naming the table, the column and what differs.
/// </summary>
public static class ModelSchemaComparer
{
    private sealed record Column(string Type, bool NotNull, bool HasDefault);

    public static async Task<IReadOnlyList<string>> CompareAsync(NpgsqlDataSource dataSource)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var db = GridGeoDbContext.On(conn);
        var problems = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().OrderBy(e => e.GetTableName()))
        {
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var columns = await ColumnsAsync(conn, table);
            if (columns.Count == 0)
            {
                problems.Add($"{table}: no such table in the migrated database (entity {entity.ClrType.Name})");
                continue;
            }
            var mapped = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(store)!;
                mapped.Add(name);
                if (!columns.TryGetValue(name, out var column))
                {
                    problems.Add($"{table}.{name}: the model maps {entity.ClrType.Name}.{property.Name} to it, the table has no such column");
                    continue;
                }
                var type = property.GetColumnType(store);
                if (!string.Equals(type, column.Type, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{table}.{name}: the model's type is {type}, the database's {column.Type}");
                // A system column (xmin) is never null, whatever the catalog says.
                var notNull = column.NotNull || name == "xmin";
                if (property.IsNullable == notNull)
                    problems.Add($"{table}.{name}: the model has it {(property.IsNullable ? "nullable" : "required")}, the database {(notNull ? "not null" : "nullable")}");
                if (property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && !column.HasDefault && name != "xmin")
                    problems.Add($"{table}.{name}: the model leaves it to the database on insert, the database has no default or identity for it");
            }
            foreach (var (name, column) in columns.Where(c => !mapped.Contains(c.Key) && c.Key != "xmin"))
            {
                if (column.NotNull && !column.HasDefault)
                    problems.Add($"{table}.{name}: not null without a default, and the model does not map it (an insert through the model fails)");
            }
            var key = entity.FindPrimaryKey()?.Properties.Select(p => p.GetColumnName(store)!).Order(StringComparer.Ordinal).ToList() ?? [];
            var dbKey = await PrimaryKeyAsync(conn, table);
            if (!key.SequenceEqual(dbKey))
                problems.Add($"{table}: the model's primary key is ({string.Join(", ", key)}), the database's ({string.Join(", ", dbKey)})");
            foreach (var fk in entity.GetForeignKeys())
            {
                var from = fk.Properties.Select(p => p.GetColumnName(store)!).ToArray();
                var to = fk.PrincipalEntityType.GetTableName()!;
                if (!await ForeignKeyExistsAsync(conn, table, from, to))
                    problems.Add($"{table}: the model has a foreign key ({string.Join(", ", from)}) → {to}, the database does not");
            }
        }
        return problems;
    }

    private static async Task<Dictionary<string, Column>> ColumnsAsync(NpgsqlConnection conn, string table)
    {
        // System columns (attnum < 0) are listed too: xmin is a concurrency token.
        await using var cmd = new NpgsqlCommand("""
            select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.atthasdef or a.attidentity <> '' or a.attgenerated <> ''
            from pg_attribute a
            where a.attrelid = to_regclass(@table) and not a.attisdropped and (a.attnum > 0 or a.attname = 'xmin')
            """, conn);
        cmd.Parameters.AddWithValue("table", "public." + table);
        await using var r = await cmd.ExecuteReaderAsync();
        var result = new Dictionary<string, Column>(StringComparer.Ordinal);
        while (await r.ReadAsync()) result[r.GetString(0)] = new Column(r.GetString(1), r.GetBoolean(2), r.GetBoolean(3));
        return result;
    }

    private static async Task<List<string>> PrimaryKeyAsync(NpgsqlConnection conn, string table)
    {
        await using var cmd = new NpgsqlCommand("""
            select a.attname from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
            where c.conrelid = to_regclass(@table) and c.contype = 'p'
            """, conn);
        cmd.Parameters.AddWithValue("table", "public." + table);
        var result = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) result.Add(r.GetString(0));
        return result.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<bool> ForeignKeyExistsAsync(NpgsqlConnection conn, string table, string[] columns, string principal)
    {
        await using var cmd = new NpgsqlCommand("""
            select count(*) from pg_constraint c
            where c.conrelid = to_regclass(@table) and c.confrelid = to_regclass(@principal) and c.contype = 'f'
              and (select array_agg(a.attname::text order by a.attname) from pg_attribute a where a.attrelid = c.conrelid and a.attnum = any(c.conkey))
                  = (select array_agg(x order by x) from unnest(@columns::text[]) x)
            """, conn);
        cmd.Parameters.AddWithValue("table", "public." + table);
        cmd.Parameters.AddWithValue("principal", "public." + principal);
        cmd.Parameters.AddWithValue("columns", columns);
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }
}

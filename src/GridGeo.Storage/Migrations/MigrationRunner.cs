using System.Reflection;
using Dapper;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Migrations;

/// <summary>One schema migration: an embedded <c>Migrations/NNNN_name.sql</c> file; its version is the file name without extension.</summary>
public sealed record Migration(string Version, string Sql);

/// <summary>
/// Applies the embedded migrations in file-name order, each in its own transaction, recording each in
/// <c>schema_migrations</c>. Safe to run again and from several processes at once: a session advisory
/// lock serialises runners, and applied versions are skipped.
/// </summary>
public static class MigrationRunner
{
    private const string ResourcePrefix = "GridGeo.Storage.Migrations.";

    /// <summary>Every embedded migration, ordered by version.</summary>
    public static IReadOnlyList<Migration> All()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new Migration(n[ResourcePrefix.Length..^4], ReadResource(assembly, n)))
            .ToList();
    }

    /// <summary>Applies the pending migrations; returns the versions it applied (empty when the schema was current).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await conn.ExecuteAsync(MigrationSql.Lock, new { key = MigrationSql.AdvisoryLockKey });
        try
        {
            await conn.ExecuteAsync(MigrationSql.CreateTable);
            var applied = (await conn.QueryAsync<string>(MigrationSql.Applied)).ToHashSet(StringComparer.Ordinal);
            var done = new List<string>();
            foreach (var m in All().Where(m => !applied.Contains(m.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(m.Sql, conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                await conn.ExecuteAsync(MigrationSql.Record, new { version = m.Version }, tx);
                await tx.CommitAsync(ct);
                done.Add(m.Version);
            }
            if (done.Count > 0) await conn.ReloadTypesAsync(ct);
            return done;
        }
        finally
        {
            await conn.ExecuteAsync(MigrationSql.Unlock, new { key = MigrationSql.AdvisoryLockKey });
        }
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded migration {name} cannot be opened");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

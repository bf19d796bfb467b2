using System.Security.Cryptography;
using System.Text;
using GridGeo.Storage;
using GridGeo.Storage.Migrations;
using Npgsql;

namespace GridGeo.Testing;

/// <summary>
/// A fresh, migrated PostGIS database for one test class, so that no test depends on another's writes.
///
/// How to use it (Storage, Api and any other test project; Api.Tests links this file):
/// <code>
/// public sealed class MyStoreTests(TestDatabase db) : IClassFixture&lt;TestDatabase&gt;
/// {
///     [Fact] public async Task Something() { var store = new PlanStore(db.DataSource); … }
/// }
/// </code>
/// Each test class gets its own database <c>gridgeo_t_&lt;guid&gt;</c>, created by
/// <c>CREATE DATABASE … TEMPLATE gridgeo_tpl_&lt;hash of the migrations&gt;</c> (a few hundred ms) and dropped
/// when the class is done. Tests inside one class share it: make your own rows (unique codes/ids per test) or
/// split classes. The template is built once per migration set, under an advisory lock, and renamed into
/// place only when fully migrated, so parallel test processes never see a half-built one.
///
/// The cluster is the one of <c>GRIDGEO_DB</c> (<c>scripts/test.sh</c> exports it from <c>scripts/pg.sh url</c>);
/// without it, <see cref="StorageOptions.DefaultConnectionString"/>. Start it with <c>scripts/pg.sh up</c>
/// (helpers: <c>GRIDGEO_PG_PORT=NNNNN scripts/pg.sh up</c> and export <c>GRIDGEO_DB</c> likewise).
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private const long TemplateLockKey = 0x6772_6964_7470_6c; // "gridtpl"

    public TestDatabase()
    {
        var cluster = new NpgsqlConnectionStringBuilder(StorageOptions.Resolve().ConnectionString);
        Name = $"gridgeo_t_{Guid.NewGuid():N}";
        cluster.Database = Name;
        cluster.Pooling = true;
        ConnectionString = cluster.ConnectionString;
        DataSource = GridGeoDatabase.Open(new StorageOptions(ConnectionString));
    }

    /// <summary>The database's name, <c>gridgeo_t_&lt;guid&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>Connection string of this test database (give it to a host as <c>ConnectionStrings:GridGeo</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>A connection pool on this test database.</summary>
    public NpgsqlDataSource DataSource { get; }

    public async Task InitializeAsync()
    {
        var template = await EnsureTemplateAsync();
        await using var admin = await OpenAdminAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var cmd = new NpgsqlCommand($"create database \"{Name}\" template \"{template}\"", admin);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // Another process is still copying or renaming the template.
                await Task.Delay(100 * attempt);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", admin);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", MigrationRunner.All().Select(m => m.Version + "\n" + m.Sql)))))[..12].ToLowerInvariant();
        var template = $"gridgeo_tpl_{hash}";
        await using var admin = await OpenAdminAsync();
        await using (var lockCmd = new NpgsqlCommand($"select pg_advisory_lock({TemplateLockKey})", admin)) await lockCmd.ExecuteNonQueryAsync();
        try
        {
            if (await DatabaseExistsAsync(admin, template)) return template;
            var building = template + "_building";
            await ExecAsync(admin, $"drop database if exists \"{building}\" with (force)");
            await ExecAsync(admin, $"create database \"{building}\"");
            var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = building, Pooling = false };
            await MigrationRunner.MigrateAsync(target.ConnectionString);
            await ExecAsync(admin, $"alter database \"{building}\" rename to \"{template}\"");
            await ExecAsync(admin, $"alter database \"{template}\" with is_template true");
            return template;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({TemplateLockKey})", admin);
            await unlock.ExecuteNonQueryAsync();
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(StorageOptions.Resolve().ConnectionString) { Database = "postgres", Pooling = false };
        var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    private static async Task<bool> DatabaseExistsAsync(NpgsqlConnection admin, string name)
    {
        await using var cmd = new NpgsqlCommand("select 1 from pg_database where datname = @name", admin);
        cmd.Parameters.AddWithValue("name", name);
        return await cmd.ExecuteScalarAsync() is not null;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

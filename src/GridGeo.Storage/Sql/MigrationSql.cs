namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Migrations.MigrationRunner"/>.</summary>
internal static class MigrationSql
{
    /// <summary>One key for every migrating process: the second waits until the first has finished.</summary>
    public const long AdvisoryLockKey = 0x6772_6964_6765_6f; // "gridgeo"

    public const string Lock = "select pg_advisory_lock(@key)";
    public const string Unlock = "select pg_advisory_unlock(@key)";

    public const string CreateTable = """
        create table if not exists schema_migrations (
            version    text primary key,
            applied_at timestamptz not null default now()
        )
        """;

    public const string Applied = "select version from schema_migrations";
    public const string Record = "insert into schema_migrations (version) values (@version)";
}

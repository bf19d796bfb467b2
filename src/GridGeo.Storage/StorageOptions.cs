using Microsoft.Extensions.Configuration;

namespace GridGeo.Storage;

/// <summary>
/// Where GridGeo's PostgreSQL + PostGIS database is. The connection string comes from, in order:
/// the configuration key <c>ConnectionStrings:GridGeo</c> (env <c>ConnectionStrings__GridGeo</c>),
/// the environment variable <c>GRIDGEO_DB</c>, else <see cref="DefaultConnectionString"/> (the
/// private cluster that <c>scripts/pg.sh up</c> starts).
/// </summary>
public sealed record StorageOptions(string ConnectionString)
{
    public const string ConfigurationKey = "ConnectionStrings:GridGeo";
    public const string EnvironmentVariable = "GRIDGEO_DB";
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=gridgeo";

    /// <summary>Resolves the options from <paramref name="configuration"/> (may be null), the environment, then the default.</summary>
    public static StorageOptions Resolve(IConfiguration? configuration = null)
    {
        var configured = configuration?[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured)) return new StorageOptions(configured);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return new StorageOptions(string.IsNullOrWhiteSpace(env) ? DefaultConnectionString : env);
    }
}

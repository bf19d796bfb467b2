using GridGeo.Storage.Auth;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Editing;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Queries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GridGeo.Storage;

/// <summary>Registers GridGeo storage: options, the connection pool and every store, as singletons.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Options are resolved when first asked for, not here, so that configuration added later
    /// (a test host's settings) is seen.
    /// </summary>
    public static IServiceCollection AddGridGeoStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => StorageOptions.Resolve(configuration));
        services.AddSingleton<NpgsqlDataSource>(sp => GridGeoDatabase.Open(sp.GetRequiredService<StorageOptions>()));
        services.AddSingleton(sp =>
        {
            var primary = sp.GetRequiredService<NpgsqlDataSource>();
            var read = ReadDatabase.ResolveConnectionString(configuration);
            return read is null ? new ReadDatabase(primary, primary, false) : new ReadDatabase(GridGeoDatabase.Open(new StorageOptions(read)), primary, true);
        });
        services.AddSingleton<PlanStore>();
        services.AddSingleton<PlanJobStore>();
        services.AddSingleton<BundleStore>();
        services.AddSingleton<PlanRunner>();
        services.AddSingleton<BundleImporter>();
        services.AddSingleton<AdminAreaStore>();
        services.AddSingleton<BuildingStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<GridEditStore>();
        services.AddSingleton(sp => new Layers.LayerStore(sp.GetRequiredService<ReadDatabase>().DataSource));
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<Staffing.StaffStore>();
        services.AddSingleton<Events.EventStore>();
        services.AddSingleton<Events.EventWriter>();
        return services;
    }
}

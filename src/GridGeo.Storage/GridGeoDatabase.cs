using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Storage;

/// <summary>
/// The one <see cref="NpgsqlDataSource"/> (connection pool) of a process, built from <see cref="StorageOptions"/>.
/// Every store takes it; tests build one per test database. PostGIS geometries cross it as NetTopologySuite types
/// (WGS84, XY), for named SQL and for the write model (<see cref="Model.GridGeoDbContext"/>) alike.
/// </summary>
public static class GridGeoDatabase
{
    public static NpgsqlDataSource Open(StorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "gridgeo";
        // COPY of a whole district can take longer than Npgsql's 30 s default.
        if (builder.CommandTimeout == 30) builder.CommandTimeout = 600;
        var source = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        source.UseNetTopologySuite(GeoFactory.Wgs84.CoordinateSequenceFactory, GeoFactory.Wgs84.PrecisionModel, Ordinates.XY);
        return source.Build();
    }

    /// <summary>True when the database answers a trivial query within <paramref name="timeout"/>.</summary>
    public static async Task<bool> PingAsync(NpgsqlDataSource dataSource, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await using var cmd = dataSource.CreateCommand("select 1");
            return await cmd.ExecuteScalarAsync(cts.Token) is 1;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}

using GridGeo.Core.Model;
using GridGeo.Storage.Sql;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using Barrier = GridGeo.Core.Model.Barrier;

namespace GridGeo.Storage.Bundles;

/// <summary>
/// Reads stored district data back as a <see cref="DistrictBundle"/>, so that the engine can partition
/// what was imported: the communities asked for, their buildings and households, and the compounds,
/// dedicated areas and barriers that meet them. Links come as stored.
/// </summary>
public sealed class BundleStore(NpgsqlDataSource dataSource)
{
    /// <summary>The bundle of the communities of street <paramref name="streetCode"/>; null when no community is stored under it.</summary>
    public async Task<DistrictBundle?> LoadStreetAsync(string streetCode, CancellationToken ct = default)
    {
        var codes = new List<string>();
        await using (var cmd = dataSource.CreateCommand(BundleSql.StreetCommunities))
        {
            cmd.Parameters.AddWithValue("street", streetCode);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) codes.Add(r.GetString(0));
        }
        return codes.Count == 0 ? null : await LoadBundleAsync(codes, ct);
    }

    /// <summary>
    /// The bundle of <paramref name="communityCodes"/>; null when none of them is stored. Codes that are not
    /// stored are left out; compare <see cref="DistrictBundle.Communities"/> with the request to find them.
    /// </summary>
    public async Task<DistrictBundle?> LoadBundleAsync(IReadOnlyCollection<string> communityCodes, CancellationToken ct = default)
    {
        var codes = communityCodes.Distinct().ToArray();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        var communities = await ReadAsync(conn, BundleSql.Communities, codes, r =>
            new Community(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<Geometry>(3)), ct);
        if (communities.Count == 0) return null;
        var buildings = await ReadAsync(conn, BundleSql.Buildings, codes, StoredRows.Building, ct);
        var households = await ReadAsync(conn, BundleSql.Households, codes, r =>
            new Household(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4), r.GetDouble(5), r.GetDouble(6), r.GetString(7)), ct);
        var compounds = await ReadAsync(conn, BundleSql.Compounds, codes, r =>
            new Compound(r.GetString(0), r.GetString(1), StoredRows.NullableString(r, 2), r.GetFieldValue<Geometry>(3)), ct);
        var dedicated = await ReadAsync(conn, BundleSql.Dedicated, codes, r =>
            new DedicatedArea(r.GetString(0), r.GetString(1), r.GetString(2), StoredRows.NullableString(r, 3), r.GetFieldValue<Geometry>(4)), ct);
        var barriers = await ReadAsync(conn, BundleSql.Barriers, codes, r => new Barrier(r.GetString(0), r.GetFieldValue<Geometry>(1)), ct);
        await tx.CommitAsync(ct);
        return new DistrictBundle(communities, buildings, households, compounds, dedicated, barriers);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection conn, string sql, string[] codes, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = codes });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<T>();
        while (await r.ReadAsync(ct)) result.Add(map(r));
        return result;
    }
}

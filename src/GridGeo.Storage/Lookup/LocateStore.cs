using GridGeo.Core.Lookup;
using System.Globalization;
using GridGeo.Core.Model;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Lookup;

/// <summary>A county, street or community name by code.</summary>
public sealed record AreaNames(
    IReadOnlyDictionary<string, string> Counties,
    IReadOnlyDictionary<string, string> Streets,
    IReadOnlyDictionary<string, string> Communities);

/// <summary>One door-plate match: the household, its score (1 for an exact key match, else trigram similarity), its current grid and liaison unit (null when none).</summary>
public sealed record AddressMatch(string Address, string HouseholdId, string BuildingId, double Score, string? GridCode, string? LiaisonUnitCode);

/// <summary>
/// What "which grid" reads from the database: a fingerprint of the current plan (to know when to rebuild the
/// in-memory locator), its grids, liaison units and area names, and the door-plate address search.
/// </summary>
public sealed class LocateStore(NpgsqlDataSource dataSource, PlanStore plans)
{
    /// <summary>Trigram similarity (0…1) below which an address is not a match.</summary>
    public const double SimilarityThreshold = 0.25;

    /// <summary>Changes whenever the current grids, liaison units or area names change (see <see cref="LocateSql.Fingerprint"/>).</summary>
    public async Task<string> GetFingerprintAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LocateSql.Fingerprint);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Every current grid, ordered by code.</summary>
    public async Task<IReadOnlyList<Grid>> GetCurrentGridsAsync(CancellationToken ct = default) =>
        (await plans.GetCurrentGridsAsync(new GridFilter(), ct)).Select(s => s.Grid).ToList();

    /// <summary>The liaison units of the current grids (members left out: the locator does not need them).</summary>
    public async Task<IReadOnlyList<LiaisonUnit>> GetCurrentLiaisonUnitsAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LocateSql.CurrentLiaisonUnits);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<LiaisonUnit>();
        while (await r.ReadAsync(ct))
            result.Add(new LiaisonUnit(r.GetString(0), r.GetString(1), r.GetInt32(2), [], r.IsDBNull(3) ? null : Ewkb.Read((byte[])r[3])));
        return result;
    }

    public async Task<AreaNames> GetAreaNamesAsync(CancellationToken ct = default)
    {
        var levels = new[] { new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>() };
        await using var cmd = dataSource.CreateCommand(LocateSql.AreaNames);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) levels[r.GetInt32(0)][r.GetString(1)] = r.GetString(2);
        return new AreaNames(levels[0], levels[1], levels[2]);
    }

    /// <summary>
    /// Households matching the door-plate <paramref name="query"/>, best first: exact (same search key, verbatim
    /// text first), then similar keys by trigram similarity. Empty when nothing is similar enough.
    /// </summary>
    public async Task<IReadOnlyList<AddressMatch>> SearchAddressesAsync(string query, int limit, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var set = new NpgsqlCommand(LocateSql.SetThreshold, conn, tx))
        {
            set.Parameters.AddWithValue("threshold", SimilarityThreshold.ToString(CultureInfo.InvariantCulture));
            await set.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = new NpgsqlCommand(LocateSql.SearchAddresses, conn, tx);
        cmd.Parameters.AddWithValue("q", query);
        cmd.Parameters.AddWithValue("key", AddressKey.Of(query));
        cmd.Parameters.AddWithValue("limit", limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<AddressMatch>();
        while (await r.ReadAsync(ct))
            result.Add(new AddressMatch(r.GetString(0), r.GetString(1), r.GetString(2), Math.Round(r.GetFloat(3), 3),
                StoredRows.NullableString(r, 4), StoredRows.NullableString(r, 5)));
        return result;
    }
}

using GridGeo.Core.Lookup;
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

/// <summary>
/// What "which grid" reads from the database: a fingerprint of the current plan (to know when to rebuild the
/// in-memory locator), its grids, liaison units and area names, and the buildings and households of the door-plate index.
/// </summary>
public sealed class LocateStore(NpgsqlDataSource dataSource, PlanStore plans)
{
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

    /// <summary>How many statements have changed households, buildings or compounds (0 before migration 0020's table has rows).</summary>
    public async Task<long> GetAddressesVersionAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LocateSql.AddressesVersion);
        return await cmd.ExecuteScalarAsync(ct) is long v ? v : 0;
    }

    /// <summary>Reads every building and household into a door-plate index.</summary>
    public async Task<DoorPlateIndex> ReadDoorPlatesAsync(CancellationToken ct = default)
    {
        var builder = new DoorPlateIndexBuilder();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using (var cmd = new NpgsqlCommand(LocateSql.DoorPlateBuildings, conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                builder.AddBuilding(r.GetString(0), StoredRows.NullableString(r, 1), StoredRows.NullableString(r, 2), r.GetDouble(3), r.GetDouble(4),
                    StoredRows.NullableString(r, 5));
        await using (var cmd = new NpgsqlCommand(LocateSql.DoorPlateHouseholds, conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                builder.AddHousehold(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4));
        return await Task.Run(builder.Build, ct);
    }

    /// <summary>(household id, liaison unit code) of every member of a current grid's liaison unit.</summary>
    public async Task<List<(string HouseholdId, string UnitCode)>> GetCurrentLiaisonMembersAsync(CancellationToken ct = default)
    {
        var result = new List<(string, string)>();
        await using var cmd = dataSource.CreateCommand(LocateSql.CurrentLiaisonMembers);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result.Add((r.GetString(0), r.GetString(1)));
        return result;
    }
}

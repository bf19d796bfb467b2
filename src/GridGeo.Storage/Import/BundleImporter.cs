using System.Diagnostics;
using Dapper;
using GridGeo.Core;
using GridGeo.Core.Model;
using GridGeo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace GridGeo.Storage.Import;

/// <summary>What an import stored, and how long it took.</summary>
public sealed record ImportSummary(
    IReadOnlyList<string> Counties,
    int Streets,
    int Communities,
    int Buildings,
    long Households,
    bool HouseholdsDerived,
    int Compounds,
    int DedicatedAreas,
    int Barriers,
    TimeSpan Elapsed);

/// <summary>
/// Stores a validated <see cref="DistrictBundle"/> in one transaction. The <em>district</em> is the set of
/// counties of the bundle's communities; importing replaces every stored row of those counties. Counties
/// and streets are derived from the community codes, their boundaries the union of their communities.
/// A bundle without households gets <see cref="DerivedHouseholds"/>. Rows go in by binary COPY; for a large first
/// load into empty tables the keys and indexes of buildings and households are dropped and built once at the end
/// (<see cref="BulkLoadIndexes"/>); a re-import never takes a lock that readers wait for: they see the old district
/// until the commit.
/// A database rule broken on the way (a constraint) is a <see cref="BadInputException"/> and nothing is kept.
/// </summary>
public sealed class BundleImporter(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Above this many households, and when they are at least half as many as the households already stored,
    /// a load rebuilds keys and indexes instead of maintaining them row by row.
    /// </summary>
    public long RebuildIndexesAbove { get; init; } = 50_000;

    /// <summary>
    /// Rebuild keys and indexes (above <see cref="RebuildIndexesAbove"/>) even when district rows are stored: faster, but
    /// readers of buildings and households wait for the whole load. Off by default; for offline bulk loads.
    /// </summary>
    public bool RebuildIndexesWhenStored { get; init; }

    public async Task<ImportSummary> ImportAsync(DistrictBundle bundle, Action<string>? log = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        void Log(string message) => log?.Invoke($"{clock.Elapsed.TotalSeconds,6:F1} s  {message}");
        var counties = bundle.Communities.Select(c => c.CountyCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var streets = bundle.Communities.Select(c => c.StreetCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var firstCounty = counties[0];
        var communityCounty = bundle.Communities.ToDictionary(c => c.Code, c => c.CountyCode);
        string CountyOf(string? community) => community is not null && communityCounty.TryGetValue(community, out var c) ? c : firstCounty;
        var derived = bundle.Households is null;
        var householdCount = derived ? bundle.TotalHouseholds : bundle.Households!.Count;

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var arg = new { counties };
            var names = (await conn.QueryAsync<(string Code, string Name)>(new CommandDefinition(ImportSql.KeptNames, arg, tx, cancellationToken: ct)))
                .ToDictionary(x => x.Code, x => x.Name);
            // Names the bundle gives win over the stored ones.
            foreach (var c in bundle.Communities)
            {
                if (c.StreetName is not null) names[c.StreetCode] = c.StreetName;
                if (c.CountyName is not null) names[c.CountyCode] = c.CountyName;
            }
            // Rebuilding costs in proportion to the whole table, row-by-row upkeep to the new rows: rebuild only
            // when the load is large and at least half the size of what is stored. Dropped before the delete,
            // a district's old rows also go without a foreign key check each.
            // Dropping keys and indexes locks the tables (ACCESS EXCLUSIVE) until the commit, so every reader would wait for
            // the whole load: it is done only for a first load into empty tables. A re-import keeps them and maintains
            // them row by row; readers go on seeing the old district (MVCC) until the one commit swaps the new one in.
            var empty = !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(ImportSql.AnyDistrictRows, transaction: tx, cancellationToken: ct));
            var bulk = householdCount > RebuildIndexesAbove && (empty || RebuildIndexesWhenStored)
                ? await BulkLoadIndexes.DropAsync(conn, tx, ["households", "buildings"], ct)
                : null;
            foreach (var sql in ImportSql.DeleteDistrict) await conn.ExecuteAsync(new CommandDefinition(sql, arg, tx, cancellationToken: ct));
            Log($"replaced the stored data of counties {string.Join(", ", counties)}{(bulk is null ? "" : "; keys and indexes are rebuilt at the end")}");

            await CopyAsync(conn, ImportSql.CopyCounties, counties, (w, c) =>
            {
                w.Write(c, NpgsqlDbType.Text);
                w.Write(names.GetValueOrDefault(c, c), NpgsqlDbType.Text);
            }, ct);
            await CopyAsync(conn, ImportSql.CopyStreets, streets, (w, s) =>
            {
                w.Write(s, NpgsqlDbType.Text);
                w.Write(AdminCodes.CountyOf(s), NpgsqlDbType.Text);
                w.Write(names.GetValueOrDefault(s, s), NpgsqlDbType.Text);
            }, ct);
            await CopyAsync(conn, ImportSql.CopyCommunities, bundle.Communities, (w, c) =>
            {
                w.Write(c.Code, NpgsqlDbType.Text);
                w.Write(c.StreetCode, NpgsqlDbType.Text);
                w.Write(c.Name, NpgsqlDbType.Text);
                w.Write(Ewkb.Write(c.Boundary), NpgsqlDbType.Bytea);
            }, ct);
            await conn.ExecuteAsync(new CommandDefinition(ImportSql.UnionStreets, arg, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(ImportSql.UnionCounties, arg, tx, cancellationToken: ct));
            Log("derived street and county boundaries");

            await CopyAsync(conn, ImportSql.CopyCompounds, bundle.CompoundList, (w, c) =>
            {
                w.Write(c.Id, NpgsqlDbType.Text);
                w.Write(CountyOf(c.CommunityCode), NpgsqlDbType.Text);
                WriteNullable(w, c.CommunityCode);
                w.Write(c.Name, NpgsqlDbType.Text);
                w.Write(Ewkb.Write(c.Boundary), NpgsqlDbType.Bytea);
            }, ct);
            await CopyAsync(conn, ImportSql.CopyDedicated, bundle.DedicatedList, (w, d) =>
            {
                w.Write(d.Id, NpgsqlDbType.Text);
                w.Write(CountyOf(d.CommunityCode), NpgsqlDbType.Text);
                w.Write(d.Kind, NpgsqlDbType.Text);
                w.Write(d.Name, NpgsqlDbType.Text);
                WriteNullable(w, d.CommunityCode);
                w.Write(Ewkb.Write(d.Boundary), NpgsqlDbType.Bytea);
            }, ct);
            await CopyAsync(conn, ImportSql.CopyBarriers, bundle.BarrierList, (w, b) =>
            {
                w.Write(firstCounty, NpgsqlDbType.Text);
                w.Write(b.Kind, NpgsqlDbType.Text);
                w.Write(Ewkb.Write(b.Line), NpgsqlDbType.Bytea);
            }, ct);

            var buildingCounty = new Dictionary<string, string>(bundle.Buildings.Count, StringComparer.Ordinal);
            await CopyAsync(conn, ImportSql.CopyBuildings, bundle.Buildings, (w, b) =>
            {
                var county = CountyOf(b.CommunityCode);
                buildingCounty[b.Id] = county;
                w.Write(b.Id, NpgsqlDbType.Text);
                w.Write(county, NpgsqlDbType.Text);
                WriteNullable(w, b.CommunityCode);
                WriteNullable(w, b.CompoundId);
                WriteNullable(w, b.DedicatedId);
                w.Write(b.Households, NpgsqlDbType.Integer);
                w.Write(b.Units, NpgsqlDbType.Integer);
                w.Write(b.Floors, NpgsqlDbType.Integer);
                WriteNullable(w, b.Address);
                w.Write(Ewkb.Write(b.Location), NpgsqlDbType.Bytea);
            }, ct);
            Log($"stored {bundle.Communities.Count} communities and {bundle.Buildings.Count} buildings");

            var households = derived ? DerivedHouseholds.For(bundle.Buildings) : bundle.Households!;
            var point = new byte[25];
            var stored = await CopyAsync(conn, ImportSql.CopyHouseholds, households, (w, h) =>
            {
                w.Write(h.Id, NpgsqlDbType.Text);
                w.Write(buildingCounty[h.BuildingId], NpgsqlDbType.Text);
                w.Write(h.BuildingId, NpgsqlDbType.Text);
                w.Write(h.Unit, NpgsqlDbType.Integer);
                w.Write(h.Floor, NpgsqlDbType.Integer);
                w.Write(h.Room, NpgsqlDbType.Text);
                w.Write(h.Address, NpgsqlDbType.Text);
                w.Write(EwkbPoint.Fill(point, h.Lon, h.Lat), NpgsqlDbType.Bytea);
            }, ct);
            Log($"stored {stored} households{(derived ? " (derived from the buildings' counts)" : "")}");

            if (bulk is not null) await bulk.RestoreAsync(conn, tx, Log, ct);
            await tx.CommitAsync(ct);
            Log("committed");
            await conn.ExecuteAsync(new CommandDefinition(ImportSql.Analyze, cancellationToken: ct));
            Log("analysed");
            return new ImportSummary(counties, streets.Length, bundle.Communities.Count, bundle.Buildings.Count, stored, derived,
                bundle.CompoundList.Count, bundle.DedicatedList.Count, bundle.BarrierList.Count, clock.Elapsed);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.UniqueViolation
                                               or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.NotNullViolation)
        {
            throw new BadInputException(ex.TableName ?? "bundle", ex.Detail ?? ex.ConstraintName, $"breaks the database rule {ex.ConstraintName}: {ex.MessageText}");
        }
    }

    private static async Task<long> CopyAsync<T>(NpgsqlConnection conn, string sql, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(sql, ct);
        long n = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            copy.StartRow();
            write(copy, row);
            n++;
        }
        await copy.CompleteAsync(ct);
        return n;
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull();
        else w.Write(value, NpgsqlDbType.Text);
    }
}

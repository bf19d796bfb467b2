using System.Text.Json;
using Dapper;
using GridGeo.Core;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Model;
using GridGeo.Storage.Sql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridGeo.Storage.Staffing;

/// <summary>
/// The roster: people who serve grids and liaison units, with their assignments. Every write checks the person
/// (<see cref="StaffPersonRules"/>) and that each assignment names a current grid or liaison unit, and commits with its
/// audit entry. People are written through the write model (<see cref="StaffRow"/>, its row locked first so that two
/// writers of one person serialise); lists and checks are named SQL (<see cref="StaffSql"/>). Reads of phone numbers (personal data) are recorded by <see cref="AuditReadAsync"/>. "Not found" is
/// null or false, never an exception.
/// </summary>
public sealed class StaffStore(NpgsqlDataSource dataSource)
{
    /// <summary>The people matching the filters (all optional), ordered by id.</summary>
    public async Task<IReadOnlyList<StaffPerson>> ListAsync(string? street = null, string? code = null, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await ReadPeopleAsync(conn, null, null, street, code, ct);
    }

    public async Task<StaffPerson?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await ReadPeopleAsync(conn, null, id, null, null, ct)).FirstOrDefault();
    }

    /// <summary>Adds a person; throws <see cref="BadInputException"/> (source <c>body</c>) when a rule is broken.</summary>
    public async Task<StaffPerson> CreateAsync(StaffPersonInput input, string who, CancellationToken ct = default)
    {
        var person = StaffPersonRules.Validate(input, "body", "person");
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        await RequireCurrentAsync(write, person.Assignments, "body", "person", ct);
        var row = NewRow(person);
        write.Db.Staff.Add(row);
        await write.Db.SaveChangesAsync(ct);
        var saved = person with { Id = row.Id };
        Audit(write.Db, who, "staff.create", $"staff/{saved.Id}", null, saved);
        await write.CommitAsync(ct);
        return saved;
    }

    /// <summary>Replaces person <paramref name="id"/>; null when there is none.</summary>
    public async Task<StaffPerson?> UpdateAsync(long id, StaffPersonInput input, string who, CancellationToken ct = default)
    {
        var person = StaffPersonRules.Validate(input, "body", $"person {id}", id);
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        var row = await LockAsync(write, id, ct);
        if (row is null) return null;
        var before = PersonOf(row);
        await RequireCurrentAsync(write, person.Assignments.Except(before.Assignments).ToList(), "body", $"person {id}", ct);
        Apply(row, person);
        Audit(write.Db, who, "staff.update", $"staff/{id}", before, person);
        await write.CommitAsync(ct);
        return person;
    }

    /// <summary>Removes person <paramref name="id"/> and their assignments; false when there is none.</summary>
    public async Task<bool> DeleteAsync(long id, string who, CancellationToken ct = default)
    {
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        var row = await LockAsync(write, id, ct);
        if (row is null) return false;
        write.Db.Staff.Remove(row);
        Audit(write.Db, who, "staff.delete", $"staff/{id}", PersonOf(row), null);
        await write.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Loads a roster in one transaction: a line with an id replaces that person (who must exist), a line without adds one.
    /// With <paramref name="replaceStreets"/>, people of the streets named in the file that the file does not list are removed.
    /// Every line is checked before anything is written; the first broken rule is thrown naming <paramref name="source"/> and the line.
    /// Returns (added, updated, removed).
    /// </summary>
    public async Task<(int Added, int Updated, int Removed)> ImportAsync(
        IReadOnlyList<(int Line, long? Id, StaffPersonInput Input)> rows, string source, bool replaceStreets, string who, CancellationToken ct = default)
    {
        var people = rows.Select(r => (r.Line, r.Id, Person: StaffPersonRules.Validate(r.Input, source, $"line {r.Line}", r.Id ?? 0))).ToList();
        var dup = people.Where(p => p.Id is not null).GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new BadInputException(source, $"line {dup.Skip(1).First().Line}", $"id: {dup.Key} is listed twice");
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        // The whole roster, locked: an import replaces people as the file has them, so no other write may interleave.
        await write.Db.Database.ExecuteSqlRawAsync(StaffSql.LockAll, ct);
        var existing = await write.Db.Staff.Include(p => p.Assignments).ToDictionaryAsync(p => p.Id, ct);
        foreach (var (line, id, person) in people)
        {
            if (id is { } known && !existing.ContainsKey(known)) throw new BadInputException(source, $"line {line}", $"id: no person has the id {known}; leave it empty to add a person");
            await RequireCurrentAsync(write, person.Assignments, source, $"line {line}", ct);
        }
        int added = 0, updated = 0, removed = 0;
        foreach (var (_, id, person) in people)
        {
            if (id is { } known)
            {
                Apply(existing[known], person);
                updated++;
            }
            else
            {
                write.Db.Staff.Add(NewRow(person));
                added++;
            }
        }
        if (replaceStreets)
        {
            var streets = people.Select(p => p.Person.Street).ToHashSet(StringComparer.Ordinal);
            var listed = people.Where(p => p.Id is not null).Select(p => p.Id!.Value).ToHashSet();
            foreach (var gone in existing.Values.Where(p => streets.Contains(p.StreetCode) && !listed.Contains(p.Id)))
            {
                write.Db.Staff.Remove(gone);
                removed++;
            }
        }
        Audit(write.Db, who, "staff.import", $"staff?source={Path.GetFileName(source)}", null, new { added, updated, removed });
        await write.CommitAsync(ct);
        return (added, updated, removed);
    }

    /// <summary>The current grids and liaison units of <paramref name="street"/> checked against its roster (<see cref="StaffCoverageChecker"/>).</summary>
    public async Task<StaffCoverage> CoverageAsync(string street, StaffCoverageOptions options, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var areas = (await conn.QueryAsync<(string Code, bool Unit, bool Basic, int Households)>(new CommandDefinition(StaffSql.StreetAreas, new { street }, cancellationToken: ct)))
            .Select(a => new CoverageArea(a.Code, a.Unit, a.Basic, a.Households)).ToList();
        var people = await ReadPeopleAsync(conn, null, null, street, null, ct);
        return new StaffCoverage(street, areas, people, StaffCoverageChecker.Check(areas, people, options));
    }

    /// <summary>The people serving grid <paramref name="gridCode"/> (role, name, phone): its grid worker and grid head, and the liaison heads of its units. Empty when none.</summary>
    public async Task<IReadOnlyList<ServingPerson>> ServingGridAsync(string gridCode, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(long Id, string Role, string Name, string Phone, string? Unit)>(
                new CommandDefinition(StaffSql.ServingGrid, new { code = gridCode }, cancellationToken: ct)))
            .Select(r => new ServingPerson(r.Id, r.Role, r.Name, r.Phone, r.Unit)).ToList();
    }

    /// <summary>The current basic grids without a grid worker (within <paramref name="box"/> when given): code, households, outline.</summary>
    public async Task<IReadOnlyList<(string Code, int Households, NetTopologySuite.Geometries.Geometry Boundary)>> UnstaffedGridsAsync(
        NetTopologySuite.Geometries.Envelope? box, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Code, int Households, NetTopologySuite.Geometries.Geometry Boundary)>(new CommandDefinition(StaffSql.UnstaffedGrids, new
        {
            has_box = box is not null, minx = box?.MinX ?? 0, miny = box?.MinY ?? 0, maxx = box?.MaxX ?? 0, maxy = box?.MaxY ?? 0,
        }, cancellationToken: ct));
        return rows.Select(r => (r.Code, r.Households, r.Boundary)).ToList();
    }

    /// <summary>What publishing draft <paramref name="planId"/> would do to the roster now (<see cref="StaffingHandover"/>); nothing is written.</summary>
    public Task<StaffingChanges> PreviewPublishAsync(long planId, CancellationToken ct = default) =>
        StaffHandoverWriter.PreviewPublishAsync(dataSource, planId, ct);

    /// <summary>Records that <paramref name="who"/> read personal data of the roster (<paramref name="what"/>: the request).</summary>
    public async Task AuditReadAsync(string who, string what, object? detail = null, CancellationToken ct = default)
    {
        // One insert, no transaction (as AuditLog.RecordAsync): this runs on reads of personal data.
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var db = GridGeoDbContext.On(conn);
        Audit(db, who, "staff.read", what, null, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Changes whenever the roster changes; the in-memory staff directory rebuilds when it does.</summary>
    public async Task<string> FingerprintAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(StaffSql.Fingerprint);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The person an API key acts for; null when the key is not linked to one.</summary>
    public async Task<long?> StaffOfKeyAsync(long keyId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long?>(new CommandDefinition(StaffSql.StaffOfKey, new { key_id = keyId }, cancellationToken: ct));
    }

    /// <summary>Makes API key <paramref name="keyId"/> act for person <paramref name="staffId"/> (accepting and resolving their events).</summary>
    public async Task LinkKeyAsync(long keyId, long staffId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await GetAsync(staffId, ct) is null) throw new BadInputException("--staff", staffId.ToString(System.Globalization.CultureInfo.InvariantCulture), "no person of the roster has this id");
        await conn.ExecuteAsync(new CommandDefinition(StaffSql.LinkKey, new { key_id = keyId, staff_id = staffId }, cancellationToken: ct));
    }

    private static StaffRow NewRow(StaffPerson p) => new()
    {
        Name = p.Name,
        Phone = p.Phone,
        Role = p.Role,
        StreetCode = p.Street,
        Assignments = p.Assignments.Distinct(StringComparer.Ordinal).Select(c => new StaffAssignmentRow { Code = c }).ToList(),
    };

    /// <summary>Person <paramref name="id"/> with their assignments, tracked, its row locked until the write ends; null when there is none.</summary>
    private static async Task<StaffRow?> LockAsync(WriteSession write, long id, CancellationToken ct)
    {
        await write.Db.Database.ExecuteSqlAsync($"select id from staff where id = {id} for update", ct);
        return await write.Db.Staff.Include(p => p.Assignments).SingleOrDefaultAsync(p => p.Id == id, ct);
    }

    /// <summary>Gives the tracked <paramref name="row"/> the content of <paramref name="p"/>: its assignments become exactly those of <paramref name="p"/>.</summary>
    private static void Apply(StaffRow row, StaffPerson p)
    {
        row.Name = p.Name;
        row.Phone = p.Phone;
        row.Role = p.Role;
        row.StreetCode = p.Street;
        row.UpdatedAt = DateTimeOffset.UtcNow;
        var wanted = p.Assignments.ToHashSet(StringComparer.Ordinal);
        row.Assignments.RemoveAll(a => !wanted.Contains(a.Code));
        foreach (var code in wanted.Except(row.Assignments.Select(a => a.Code)).Order(StringComparer.Ordinal))
            row.Assignments.Add(new StaffAssignmentRow { StaffId = row.Id, Code = code });
    }

    private static StaffPerson PersonOf(StaffRow row) =>
        new(row.Id, row.Name, row.Phone, row.Role, row.StreetCode, row.Assignments.Select(a => a.Code).Order(StringComparer.Ordinal).ToList());

    private static async Task RequireCurrentAsync(WriteSession write, IReadOnlyList<string> codes, string source, string item, CancellationToken ct)
    {
        if (codes.Count == 0) return;
        var unknown = await write.Connection.QueryFirstOrDefaultAsync<string?>(
            new CommandDefinition(StaffSql.UnknownCodes, new { codes = codes.ToArray() }, write.Transaction, cancellationToken: ct));
        if (unknown is not null)
            throw new BadInputException(source, item, $"assignments: {unknown} is no current {(unknown.Length == AdminCodes.GridLength ? "grid" : "liaison unit")}");
    }

    internal static async Task<IReadOnlyList<StaffPerson>> ReadPeopleAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long? id, string? street, string? code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(StaffSql.People, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter("id", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)id ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("street", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)street ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("code", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)code ?? DBNull.Value });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var result = new List<StaffPerson>();
        while (await r.ReadAsync(ct))
            result.Add(new StaffPerson(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetFieldValue<string[]>(5)));
        return result;
    }

    /// <summary>Adds the audit entry of a roster change to <paramref name="db"/>; it is saved with the change.</summary>
    internal static void Audit(GridGeoDbContext db, string who, string action, string entity, object? before, object? after) =>
        db.AuditLog.Add(new AuditEntry
        {
            Who = who,
            Action = action,
            Entity = entity,
            Before = before is null ? null : JsonSerializer.Serialize(before, AuditJson),
            After = after is null ? null : JsonSerializer.Serialize(after, AuditJson),
        });

    private static readonly JsonSerializerOptions AuditJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

/// <summary>A street's staffing: its current grids and liaison units, its roster and the rules they break.</summary>
public sealed record StaffCoverage(string Street, IReadOnlyList<CoverageArea> Areas, IReadOnlyList<StaffPerson> People, IReadOnlyList<StaffingProblem> Problems);

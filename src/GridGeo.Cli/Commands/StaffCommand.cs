using System.CommandLine;
using System.Text;
using GridGeo.Core;
using GridGeo.IO.Staffing;
using GridGeo.Storage;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Migrations;
using GridGeo.Storage.Staffing;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>staff import --file roster.csv [--replace]</c> loads a roster CSV (<see cref="RosterCsv"/>) into the database in one
/// transaction (every line checked first; with <c>--replace</c> people of the file's streets that it does not list are
/// removed); <c>staff export --out FILE [--street S]</c> writes it; <c>staff key --staff ID --name N</c> makes a reader API
/// key that acts for one person (to accept and resolve the events assigned to them), printed once.
/// </summary>
public static class StaffCommand
{
    public static Command Create()
    {
        var command = new Command("staff", "the roster of grid workers, grid heads and liaison heads, as CSV id,name,phone,role,street,assignments");

        var file = new Option<FileInfo>("--file") { Description = "the roster CSV to load", Required = true };
        var replace = new Option<bool>("--replace") { Description = "remove people of the file's streets that the file does not list" };
        var import = new Command("import", "load a roster CSV (lines with an id replace that person, lines without add one)") { file, replace };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new BadInputException(path.FullName, null, "the file does not exist");
            IReadOnlyList<(int, long?, Core.Staffing.StaffPersonInput)> rows;
            using (var reader = new StreamReader(path.FullName, Encoding.UTF8)) rows = RosterCsv.Read(reader, path.Name);
            await using var dataSource = await OpenAsync(ct);
            var (added, updated, removed) = await new StaffStore(dataSource).ImportAsync(rows, path.Name, parse.GetValue(replace), "cli", ct);
            Console.WriteLine($"roster {path.Name}: {added} added, {updated} updated, {removed} removed");
            return CliRunner.Ok;
        });

        var output = new Option<FileInfo>("--out") { Description = "the CSV file to write", Required = true };
        var street = new Option<string?>("--street") { Description = "only this street (9-digit code)" };
        var export = new Command("export", "write the roster as CSV") { output, street };
        export.SetAction(async (parse, ct) =>
        {
            var streetCode = parse.GetValue(street);
            if (streetCode is not null && !AdminCodes.IsStreetCode(streetCode)) throw new BadInputException("--street", $"\"{streetCode}\"", "must be a 9-digit street code");
            await using var dataSource = await OpenAsync(ct);
            var store = new StaffStore(dataSource);
            var people = await store.ListAsync(streetCode, null, ct);
            var path = parse.GetValue(output)!;
            await using (var writer = new StreamWriter(path.FullName, false, new UTF8Encoding(false))) RosterCsv.Write(writer, people);
            await store.AuditReadAsync("cli", $"staff export {path.Name}", new { people = people.Count, street = streetCode }, ct);
            Console.WriteLine($"wrote {people.Count} people to {path.FullName}");
            return CliRunner.Ok;
        });

        var staffId = new Option<long>("--staff") { Description = "the id of the person the key acts for", Required = true };
        var keyName = new Option<string>("--name") { Description = "who or what the key is for (recorded in the audit log)", Required = true };
        var key = new Command("key", "make a reader API key that acts for one person of the roster, printed once") { staffId, keyName };
        key.SetAction(async (parse, ct) =>
        {
            await using var dataSource = await OpenAsync(ct);
            var staff = new StaffStore(dataSource);
            var id = parse.GetValue(staffId);
            if (await staff.GetAsync(id, ct) is null) throw new BadInputException("--staff", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "no person of the roster has this id");
            var (secret, identity) = await new ApiKeyStore(dataSource).CreateAsync(parse.GetValue(keyName)!, ApiRoles.Reader, [], null, ct);
            await staff.LinkKeyAsync(identity.Id, id, ct);
            Console.Error.WriteLine($"created reader key \"{identity.Name}\" (id {identity.Id}) acting for person {id}; it is shown once, store it now:");
            Console.WriteLine(secret);
            return CliRunner.Ok;
        });

        command.Subcommands.Add(import);
        command.Subcommands.Add(export);
        command.Subcommands.Add(key);
        return command;
    }

    private static async Task<Npgsql.NpgsqlDataSource> OpenAsync(CancellationToken ct)
    {
        var options = StorageOptions.Resolve();
        await MigrationRunner.MigrateAsync(options.ConnectionString, ct);
        return GridGeoDatabase.Open(options);
    }
}

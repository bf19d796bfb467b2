using System.CommandLine;
using GridGeo.Storage;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Migrations;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>keys create --role reader|planner|admin [--streets S1,S2] --name NAME [--key KEY]</c> stores an API key hashed
/// and prints it once (a planner key needs its streets); <c>keys revoke --name NAME</c> revokes the keys of that name.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys for the HTTP API (stored hashed; a key is shown only when it is made)");
        var role = new Option<string>("--role") { Description = "reader, planner or admin", Required = true };
        var streets = new Option<string?>("--streets") { Description = "comma-separated 9-digit street codes a planner key may edit" };
        var name = new Option<string>("--name") { Description = "who or what the key is for (recorded in the audit log)", Required = true };
        var key = new Option<string?>("--key") { Description = "use this key instead of a random one (at least 24 characters and 100 bits, 12 different characters; for development scripts)" };
        var create = new Command("create", "make a key and print it once") { role, streets, name, key };
        create.SetAction(async (parse, ct) =>
        {
            var list = (parse.GetValue(streets) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parse.GetValue(key) is { } own && ApiKeyStrength.Weakness(own) is { } weak)
                throw new GridGeo.Core.BadInputException("--key", null, $"the key is too weak: it {weak}");
            var options = StorageOptions.Resolve();
            await MigrationRunner.MigrateAsync(options.ConnectionString, ct);
            await using var dataSource = GridGeoDatabase.Open(options);
            var (secret, identity) = await new ApiKeyStore(dataSource).CreateAsync(parse.GetValue(name)!, parse.GetValue(role)!, list, parse.GetValue(key), ct);
            Console.Error.WriteLine($"created {identity.Role} key \"{identity.Name}\" (id {identity.Id})" +
                                    (identity.Streets.Count > 0 ? $" for streets {string.Join(", ", identity.Streets)}" : "") +
                                    "; it is shown once, store it now:");
            Console.WriteLine(secret);
            return CliRunner.Ok;
        });
        var revokeName = new Option<string>("--name") { Description = "the name of the keys to revoke", Required = true };
        var revoke = new Command("revoke", "revoke every active key of a name") { revokeName };
        revoke.SetAction(async (parse, ct) =>
        {
            var options = StorageOptions.Resolve();
            await using var dataSource = GridGeoDatabase.Open(options);
            var n = await new ApiKeyStore(dataSource).RevokeAsync(parse.GetValue(revokeName)!, ct);
            Console.WriteLine($"revoked {n} key(s) named \"{parse.GetValue(revokeName)}\"");
            return CliRunner.Ok;
        });
        command.Subcommands.Add(create);
        command.Subcommands.Add(revoke);
        return command;
    }
}

using System.CommandLine;
using System.Diagnostics;
using GridGeo.IO;
using GridGeo.Storage;
using GridGeo.Storage.Migrations;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>db migrate</c> applies the schema migrations to the database of <see cref="StorageOptions"/>;
/// <c>db up|down|status</c> run <c>scripts/pg.sh</c>, the private development cluster.
/// </summary>
public static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "the database: a private local PostgreSQL + PostGIS (up/down/status) and its schema (migrate)");
        var migrate = new Command("migrate", "apply pending schema migrations (safe to re-run)");
        migrate.SetAction(async (_, ct) =>
        {
            var options = StorageOptions.Resolve();
            var applied = await MigrationRunner.MigrateAsync(options.ConnectionString, ct);
            Console.WriteLine(applied.Count == 0
                ? $"schema is current ({MigrationRunner.All().Count} migrations)"
                : $"applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return CliRunner.Ok;
        });
        command.Subcommands.Add(migrate);
        foreach (var (name, description) in new[] { ("up", "start the private cluster (installs the packages when missing)"), ("down", "stop the private cluster"), ("status", "is the private cluster running") })
        {
            var sub = new Command(name, description);
            sub.SetAction(_ => RunPgScript(name));
            command.Subcommands.Add(sub);
        }
        return command;
    }

    private static int RunPgScript(string verb)
    {
        var root = RepositoryRoot.Find()
            ?? throw new InvalidOperationException("scripts/pg.sh was not found: run from a GridGeo checkout or set GRIDGEO_ROOT");
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(root, "scripts", "pg.sh"), verb) { UseShellExecute = false })
            ?? throw new InvalidOperationException("scripts/pg.sh could not be started");
        process.WaitForExit();
        return process.ExitCode == 0 ? CliRunner.Ok : CliRunner.Failure;
    }
}

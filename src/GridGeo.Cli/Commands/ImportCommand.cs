using System.CommandLine;
using System.Diagnostics;
using GridGeo.IO.Bundles;
using GridGeo.Storage;
using GridGeo.Storage.Import;
using GridGeo.Storage.Migrations;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>import --data DIR</c>: reads and checks the whole bundle first (bad input: exit 2, nothing written),
/// migrates the schema if needed, then stores the bundle in one transaction, replacing its district.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the district bundle folder", Required = true };
        var command = new Command("import", "load a district bundle into the database, replacing that district's stored data") { data };
        var readBundle = BundleInput.AddTo(command, data);
        command.SetAction(async (parse, ct) =>
        {
            var clock = Stopwatch.StartNew();
            var bundle = readBundle(parse);
            var read = clock.Elapsed;
            var options = StorageOptions.Resolve();
            await MigrationRunner.MigrateAsync(options.ConnectionString, ct);
            await using var dataSource = GridGeoDatabase.Open(options);
            var summary = await new BundleImporter(dataSource).ImportAsync(bundle, m => Console.Error.WriteLine($"[import] {m}"), ct);
            Console.WriteLine($"imported counties {string.Join(", ", summary.Counties)}: {summary.Streets} streets, {summary.Communities} communities, " +
                              $"{summary.Buildings} buildings, {summary.Households} households{(summary.HouseholdsDerived ? " (derived)" : "")}, " +
                              $"{summary.Compounds} compounds, {summary.DedicatedAreas} dedicated areas, {summary.Barriers} barriers");
            Console.WriteLine($"time: read+validate {read.TotalSeconds:F1} s, store {summary.Elapsed.TotalSeconds:F1} s, total {clock.Elapsed.TotalSeconds:F1} s");
            return CliRunner.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using GridGeo.Cli.Commands;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Testing;

namespace GridGeo.Cli.Tests.Support;

/// <summary>The CLI run in-process, as <c>scripts/gridgeo</c> runs it, against a test database; and the district it is run on.</summary>
public static class InProcessCli
{
    /// <summary>Runs the CLI with <paramref name="args"/> against <paramref name="db"/> (GRIDGEO_DB), capturing stdout and stderr.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase db, params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        var (oldOut, oldErr, oldDb) = (Console.Out, Console.Error, Environment.GetEnvironmentVariable("GRIDGEO_DB"));
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        Environment.SetEnvironmentVariable("GRIDGEO_DB", db.ConnectionString);
        try { return (await CliRunner.RunAsync(root, args), o.ToString(), e.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            Environment.SetEnvironmentVariable("GRIDGEO_DB", oldDb);
        }
    }

    /// <summary>Imports the test bundle of <paramref name="county"/> and publishes its four half-community grids.</summary>
    public static async Task SeedPublishedHalvesAsync(TestDatabase db, string county)
    {
        await new BundleImporter(db.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var plans = new PlanStore(db.DataSource);
        var id = await plans.CreateDraftAsync(PlanKinds.Partition, new { county });
        await plans.SaveGridsAsync(id, TestGrids.HalvesOf(county));
        await plans.CompleteAsync(id, new { grids = 4 });
        await plans.PublishAsync(id, "test");
    }
}

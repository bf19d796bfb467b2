using System.CommandLine;
using GridGeo.Storage;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Migrations;
using GridGeo.Storage.Plans;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>plan (--all | --street S | --community C…) [--min] [--max] [--seed] [--publish]</c>: the same partition
/// run as <c>POST /api/plans</c>, in this process, over the stored data; stores a draft plan with its grids and
/// liaison units, and publishes it when asked.
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "every stored community" };
        var street = new Option<string?>("--street") { Description = "the communities of this 9-digit street code" };
        var community = new Option<string[]>("--community") { Description = "12-digit community code (repeatable)", AllowMultipleArgumentsPerToken = true };
        var min = new Option<int>("--min") { Description = "fewest households in a basic grid", DefaultValueFactory = _ => 300 };
        var max = new Option<int>("--max") { Description = "most households in a basic grid", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "random seed (the plan is deterministic for a seed)", DefaultValueFactory = _ => 1 };
        var publish = new Option<bool>("--publish") { Description = "make the plan current when it is computed" };
        var command = new Command("plan", "partition stored communities into a draft plan (grids + liaison units), optionally publishing it")
        {
            all, street, community, min, max, seed, publish,
        };
        command.SetAction(async (parse, ct) =>
        {
            var communities = parse.GetValue(community);
            var request = new PlanRequest(communities is { Length: > 0 } ? communities : null, parse.GetValue(street), parse.GetValue(all),
                parse.GetValue(min), parse.GetValue(max), parse.GetValue(seed));
            var options = StorageOptions.Resolve();
            await MigrationRunner.MigrateAsync(options.ConnectionString, ct);
            await using var dataSource = GridGeoDatabase.Open(options);
            var plans = new PlanStore(dataSource);
            var runner = new PlanRunner(dataSource, new BundleStore(dataSource), plans);
            var scope = await runner.ResolveScopeAsync(request, ct);
            var id = await runner.CreateDraftAsync(request, scope, Environment.UserName, ct);
            Console.Error.WriteLine($"[plan] plan {id}: partitioning {scope.Count} communities…");
            var s = await runner.RunAsync(id, request, scope, ct);
            Console.WriteLine($"plan {id}: {s.Grids} grids ({s.BasicGrids} basic, {s.DedicatedGrids} dedicated), basic in {request.Min}..{request.Max}: " +
                              $"{s.BasicInBounds}/{s.BasicGrids} ({s.InBoundsShare:P1}), {s.LiaisonUnits} liaison units, {s.Households} households, {s.Seconds:F1} s");
            foreach (var w in s.Warnings.Take(20)) Console.WriteLine($"warning: {w}");
            if (s.Warnings.Count > 20) Console.WriteLine($"… and {s.Warnings.Count - 20} more warnings");
            if (parse.GetValue(publish))
            {
                var result = await plans.PublishAsync(id, Environment.UserName, ct);
                if (result.Outcome != PublishOutcome.Published) throw new InvalidOperationException($"plan {id} could not be published: {result.Outcome}");
                Console.WriteLine($"plan {id} published{(result.RetiredPlans.Count > 0 ? $"; retired plans {string.Join(", ", result.RetiredPlans)}" : "")}");
            }
            return CliRunner.Ok;
        });
        return command;
    }
}

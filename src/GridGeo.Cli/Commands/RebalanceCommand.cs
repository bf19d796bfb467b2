using System.CommandLine;
using System.Text.Json;
using GridGeo.Core;
using GridGeo.Core.Coverage;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Rebalancing;
using GridGeo.IO.Bundles;
using GridGeo.IO.Plans;
using Spectre.Console;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>rebalance --data DIR --grids current.geojson --out new.geojson [--min 300] [--max 500] [--seed N] [--locked CODES]</c>:
/// repairs a plan after the bundle's households changed (contract §3), moving as few households as possible; grids whose
/// <c>locked</c> property is true, or named in <c>--locked</c>, never change. Prints households moved, grids changed /
/// created / retired, and each grid that is not unchanged as before → after.
/// </summary>
public static class RebalanceCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the district bundle folder (the households as they are now)", Required = true };
        var grids = new Option<FileInfo>("--grids") { Description = "the current grid plan (grids.geojson)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "the rebalanced plan to write", Required = true };
        var min = new Option<int>("--min") { Description = "fewest households of a basic grid", DefaultValueFactory = _ => 300 };
        var max = new Option<int>("--max") { Description = "most households of a basic grid", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "seed of the random choices of splits", DefaultValueFactory = _ => 1 };
        var locked = new Option<string?>("--locked") { Description = "comma-separated codes of grids that must not change (besides those marked locked in the file)" };
        var command = new Command("rebalance", "repair a grid plan after households changed, moving as few households as possible")
            { data, grids, output, min, max, seed, locked };
        var readBundle = BundleInput.AddTo(command, data);
        command.SetAction((parse, ct) =>
        {
            PartitionOptions options;
            try
            {
                options = new PartitionOptions { Min = parse.GetValue(min), Max = parse.GetValue(max), Seed = parse.GetValue(seed) }.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new BadInputException("--" + (ex.ParamName ?? "min").ToLowerInvariant(), null, ex.Message.Split(" (Parameter")[0]);
            }
            var bundle = readBundle(parse);
            var planPath = parse.GetValue(grids)!.FullName;
            var current = GridPlanFile.Read(planPath);
            var lockedCodes = LockedIn(planPath);
            foreach (var code in (parse.GetValue(locked) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (current.All(g => g.Code != code)) throw new BadInputException("--locked", code, "is not a grid of the current plan");
                lockedCodes.Add(code);
            }
            var result = GridRebalancer.Rebalance(bundle, current, lockedCodes, options, null, ct);
            PlanGate.Check(bundle.Communities, result.Grids, Environment.ProcessorCount);
            GridPlanFile.Write(parse.GetValue(output)!.FullName, result.Grids);
            Print(result, options, parse.GetValue(output)!.FullName);
            return Task.FromResult(CliRunner.Ok);
        });
        return command;
    }

    /// <summary>Codes of the grids whose <c>locked</c> property is true in a plan file.</summary>
    private static HashSet<string> LockedIn(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            if (f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("locked", out var l) && l.ValueKind == JsonValueKind.True
                && p.TryGetProperty("code", out var c) && c.GetString() is { } code) result.Add(code);
        }
        return result;
    }

    private static void Print(RebalanceResult result, PartitionOptions options, string path)
    {
        var s = result.Summary;
        Console.WriteLine($"households moved: {s.HouseholdsMoved}");
        Console.WriteLine($"grids changed: {s.Changed}, created: {s.Created}, retired: {s.Retired}, recounted: {s.Recounted}, unchanged: {s.Unchanged} " +
                          $"({s.GridsBefore} → {s.GridsAfter} grids)");
        Console.WriteLine($"basic grids in {options.Min}..{options.Max}: {s.BasicInBounds}/{s.BasicGrids}; time {s.Elapsed.TotalSeconds:F2} s");
        var table = new Table().AddColumn("grid").AddColumn("change").AddColumn(new TableColumn("before").RightAligned())
            .AddColumn(new TableColumn("after").RightAligned());
        foreach (var c in result.Changes.Where(c => c.Kind != GridChangeKind.Unchanged))
            table.AddRow(c.Code, c.Kind.ToString().ToLowerInvariant() + (c.Locked ? " (locked)" : ""), c.HouseholdsBefore.ToString(), c.HouseholdsAfter.ToString());
        AnsiConsole.Write(table);
        // Where a grid was out of bounds every order of the rules was computed; say which one each community kept and why.
        foreach (var choice in result.Choices) Console.WriteLine($"choice: {choice}");
        foreach (var w in result.Warnings) AnsiConsole.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w.ToString())}");
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(path)}");
    }
}

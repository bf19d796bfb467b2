using System.CommandLine;
using GridGeo.Core;
using GridGeo.Core.Coverage;
using GridGeo.Core.Partitioning;
using GridGeo.IO.Bundles;
using GridGeo.IO.Plans;
using Spectre.Console;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>partition --data DIR --out grids.geojson [--min 300] [--max 500] [--seed N]</c>: partitions every
/// community of a bundle into grids (contract §2–3), shows a progress bar when stdout is a terminal,
/// writes the plan and prints a summary table and the warnings.
/// </summary>
public static class PartitionCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the district bundle folder", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "the grid plan to write (grids.geojson)", Required = true };
        var min = new Option<int>("--min") { Description = "fewest households of a basic grid", DefaultValueFactory = _ => 300 };
        var max = new Option<int>("--max") { Description = "most households of a basic grid", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "seed of the random choices (same seed, same plan)", DefaultValueFactory = _ => 1 };
        var command = new Command("partition", "partition every community of a bundle into grids") { data, output, min, max, seed };
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
            var result = Run(bundle, options, ct);
            PlanGate.Check(bundle.Communities, result.Grids, Environment.ProcessorCount);
            GridPlanFile.Write(parse.GetValue(output)!.FullName, result.Grids);
            PrintSummary(result, options, parse.GetValue(output)!.FullName);
            return Task.FromResult(CliRunner.Ok);
        });
        return command;
    }

    private static PartitionResult Run(Core.Model.DistrictBundle bundle, PartitionOptions options, CancellationToken ct)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return GridPartitioner.Partition(bundle, options, null, ct);
        PartitionResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("partitioning communities", maxValue: bundle.Communities.Count);
                var progress = new Progress<PartitionProgress>(p => task.Value = Math.Max(task.Value, p.CommunitiesDone));
                result = GridPartitioner.Partition(bundle, options, progress, ct);
                task.Value = bundle.Communities.Count;
            });
        return result!;
    }

    private static void PrintSummary(PartitionResult result, PartitionOptions options, string path)
    {
        var s = result.Summary;
        var table = new Table().AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("communities", s.Communities.ToString());
        table.AddRow("grids", $"{s.Grids} ({s.BasicGrids} basic, {s.DedicatedGrids} dedicated)");
        table.AddRow("households", s.Households.ToString());
        table.AddRow($"basic grids in {options.Min}..{options.Max}", $"{s.BasicInBounds}/{s.BasicGrids} ({s.InBoundsShare:P1})");
        table.AddRow("warnings", s.Warnings.ToString());
        table.AddRow("time", $"{s.Elapsed.TotalSeconds:F2} s");
        AnsiConsole.Write(table);
        foreach (var w in result.Warnings) AnsiConsole.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w.ToString())}");
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(path)}");
    }
}

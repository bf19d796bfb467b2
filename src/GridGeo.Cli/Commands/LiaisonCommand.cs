using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.IO.Bundles;
using GridGeo.IO.Plans;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>liaison --data DIR --grids grids.geojson --out liaison_units.geojson [--target 30] [--min 20] [--max 40] [--preset ten]</c>:
/// plans the liaison units (联户单元) inside each grid of a plan and writes them (contract §2).
/// </summary>
public static class LiaisonCommand
{
    private const int WarningsShown = 20;

    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the district bundle folder", Required = true };
        var grids = new Option<FileInfo>("--grids") { Description = "the grid plan (grids.geojson, contract §2)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "where to write liaison_units.geojson", Required = true };
        var preset = new Option<string>("--preset") { Description = "size preset: thirty (30, 20–40) or ten (十联户: 10, 8–12)", DefaultValueFactory = _ => LiaisonOptions.DefaultPresetName };
        var target = new Option<int?>("--target") { Description = "target households per unit (default from the preset: 30)" };
        var min = new Option<int?>("--min") { Description = "fewest households per unit (default from the preset: 20)" };
        var max = new Option<int?>("--max") { Description = "most households per unit, at most 100 (default from the preset: 40)" };
        var command = new Command("liaison", "plan the liaison units (联户单元) inside each grid of a plan") { data, grids, output, preset, target, min, max };
        var readBundle = BundleInput.AddTo(command, data);
        command.SetAction(parse =>
        {
            var chosen = LiaisonOptions.Preset(parse.GetValue(preset)!);
            chosen = chosen with
            {
                Target = parse.GetValue(target) ?? chosen.Target,
                Min = parse.GetValue(min) ?? chosen.Min,
                Max = parse.GetValue(max) ?? chosen.Max,
            };
            chosen.Validate();

            var clock = Stopwatch.StartNew();
            var bundle = readBundle(parse);
            var plan = GridPlanFile.Read(parse.GetValue(grids)!.FullName);
            var read = clock.Elapsed;
            var result = LiaisonUnitPlanner.Plan(bundle, plan, chosen);
            // The liaison gate: units that do not tile their grid exactly are never written (exit 2, naming the units and rules).
            LiaisonUnitGate.Check(plan, result.Units, Environment.ProcessorCount);
            var planned = clock.Elapsed - read;
            var outPath = parse.GetValue(output)!.FullName;
            LiaisonUnitFile.Write(outPath, result.Units);

            foreach (var w in result.Warnings.Take(WarningsShown)) Console.WriteLine($"warning: {w}");
            if (result.Warnings.Count > WarningsShown) Console.WriteLine($"warning: … and {result.Warnings.Count - WarningsShown} more");
            var s = result.Summary;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"liaison units {s.Units} in {s.Grids} grids, {s.Households} households ({s.HouseholdsLocatedByPosition} placed by location, {s.HouseholdsOutsideGrids} outside every grid); " +
                $"size {chosen.Min}–{chosen.Max} (target {chosen.Target}): {s.InBoundsShare:P1} in bounds ({s.UnitsInBounds}/{s.Units}); " +
                $"spread median {s.MedianSpreadMetres:F0} m (of the {s.MultiBuildingUnits} units over several buildings: {s.MedianMultiBuildingSpreadMetres:F0} m), max {s.MaxSpreadMetres:F0} m; " +
                $"planned in {planned.TotalSeconds:F2} s (read {read.TotalSeconds:F2} s) → {outPath}"));
            return CliRunner.Ok;
        });
        return command;
    }
}

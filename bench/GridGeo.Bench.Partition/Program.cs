using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GridGeo.Core.Coverage;
using GridGeo.Core.Generation;
using GridGeo.Core.Linking;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.IO.Bundles;
using GridGeo.IO.Tests;

// Partition benchmark: prints the issue's figures for the engine and the Hilbert baseline, side by side.
//   (no arguments)                    every data set: sample, liechtenstein, 100k, 1m
//   --sets sample,100k                 a choice of data sets
//   run SET engine|baseline            one measurement (each runs in its own process, for a clean peak memory)
//   profile DIR                        time the phases of the engine on a bundle folder
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var root = Environment.GetEnvironmentVariable("GRIDGEO_ROOT") ?? RepoPaths.Root;
if (args.Length >= 2 && args[0] == "profile")
{
    Profile.Run(BundleLinker.Link(BundleReader.Read(args[1])));
    return 0;
}
if (args.Length >= 5 && args[0] == "debug") { Debug.Run(int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4])); return 0; }
if (args.Length >= 3 && args[0] == "run")
{
    Console.WriteLine(Measure.Run(root, args[1], args[2]));
    return 0;
}
var sets = new[] { "sample", "liechtenstein", "100k", "1m" };
var setsArg = Array.IndexOf(args, "--sets");
if (setsArg >= 0 && setsArg + 1 < args.Length) sets = args[setsArg + 1].Split(',');
var self = Environment.ProcessPath!;
var dll = typeof(Measure).Assembly.Location;
Console.WriteLine($"partition benchmark on {Environment.ProcessorCount} cores, min 300, max 500, seed 1; each row is its own process");
Console.WriteLine();
var header = $"{"data set",-14} {"method",-9} {"households",10} {"basic",6} {"in bounds",10} {"feasible ok",11} {"multi",6} {"bad multi",9} {"gap m²",9} {"overlap m²",10} {"cmpd split",10} {"river x",7} {"mean PP",7} {"wall s",8} {"cpu s",8} {"peak MB",8} {"prep s",7} {"gate s",7} {"gate x",6} {"faces s",7} {"gate cpu",8}";
Console.WriteLine(header);
Console.WriteLine(new string('-', header.Length));
foreach (var set in sets)
{
    foreach (var method in new[] { "engine", "baseline" })
    {
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!self.EndsWith("GridGeo.Bench.Partition", StringComparison.Ordinal)) { psi.ArgumentList.Add(dll); }
        foreach (var a in new[] { "run", set, method }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (p.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"{set,-14} {method,-9} failed: {stderr.Trim().Split('\n').FirstOrDefault()}");
            continue;
        }
        var r = JsonSerializer.Deserialize<Row>(line)!;
        Console.WriteLine($"{set,-14} {method,-9} {r.Households,10} {r.Basic,6} {r.InBounds,10:P1} {r.FeasibleOk,11:P1} {r.Multi,6} {r.BadMulti,9} {r.Gap,9:F3} {r.Overlap,10:F3} {r.CompoundsSplit,10} {r.River,7} {r.MeanPP,7:F3} {r.Wall,8:F2} {r.Cpu,8:F2} {r.PeakMb,8:F0} {r.Prep,7:F1} {r.Gate,7:F2} {r.GateProblems,6} {r.Faces,7:F2} {r.GateCpu,8:F2}");
    }
}
Console.WriteLine();
Console.WriteLine("in bounds: share of basic grids with 300..500 households; feasible ok: the same among communities whose basic total allows it;");
Console.WriteLine("multi: MultiPolygon grids (exclaves); bad multi: grids in two parts of one community piece; gap/overlap: summed m² over communities;");
Console.WriteLine("cmpd split: compounds of ≤ 500 households in more than one grid; river x: grids with buildings on both sides of a river;");
Console.WriteLine("mean PP: mean Polsby–Popper of basic grids; wall/cpu: the partition call only; peak MB: peak working set of the process (incl. data);");
Console.WriteLine("gate s / gate x: the plan gate (GridCoverageValidator, all communities) in wall seconds and the problems it found;");
Console.WriteLine("gate cpu: the gate's process CPU seconds, to set against cpu s (the partition's) when the machine is loaded and wall times are not comparable;");
Console.WriteLine("faces s: the per-community face coverage (GridOutlines, included in wall for the engine) rebuilt again on its own;");
Console.WriteLine("prep: seconds to read the data set (data/sample, ../shared/realdata/liechtenstein, data/bench/100k, data/bench/1m).");
return 0;

sealed record Row(long Households, int Basic, double InBounds, double FeasibleOk, int Multi, int BadMulti, double Gap, double Overlap,
    int CompoundsSplit, int River, double MeanPP, double Wall, double Cpu, double PeakMb, double Prep, double Gate, int GateProblems, double Faces,
    double GateCpu);

static class Measure
{
    public static string Run(string root, string set, string method)
    {
        var prep = Stopwatch.StartNew();
        var bundle = BundleLinker.Link(Load(root, set));
        prep.Stop();
        var options = new PartitionOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var grids = method == "baseline" ? HilbertBaseline.Partition(bundle, options) : GridPartitioner.Partition(bundle, options).Grids.ToList();
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var peak = process.PeakWorkingSet64 / 1024.0 / 1024.0;
        // The plan gate as the CLI and the plan runner call it before writing (GridCoverageValidator over every community),
        // and the face coverage the partitioner builds per community (GridOutlines), timed again on their own.
        process.Refresh();
        var gateCpu0 = process.TotalProcessorTime;
        var gateClock = Stopwatch.StartNew();
        var gateProblems = GridCoverageValidator.ValidateAll(bundle.Communities, grids, true, options.MaxDegreeOfParallelism).Count;
        var gate = gateClock.Elapsed.TotalSeconds;
        process.Refresh();
        var gateCpu = (process.TotalProcessorTime - gateCpu0).TotalSeconds;
        var facesClock = Stopwatch.StartNew();
        if (method != "baseline") GridOutlines.RebuildAll(bundle.Communities, grids, null, null, options.MaxDegreeOfParallelism);
        var faces = facesClock.Elapsed.TotalSeconds;
        var f = PlanMetrics.Evaluate(bundle, grids, options);
        return JsonSerializer.Serialize(new Row(bundle.Buildings.Where(b => b.CommunityCode != null).Sum(b => (long)b.Households), f.BasicGrids,
            f.InBoundsShare, f.FeasibleShare, f.MultiPartGrids, f.SplitInsidePiece, f.GapM2, f.OverlapM2, f.SmallCompoundsSplit,
            f.RiverStraddles, f.MeanPolsbyPopper, wall.Elapsed.TotalSeconds, cpu, peak, prep.Elapsed.TotalSeconds, gate, gateProblems, faces, gateCpu));
    }

    private static DistrictBundle Load(string root, string set) => set switch
    {
        "sample" => BundleReader.Read(Folder(Path.Combine(root, "data", "sample"), "it is part of the repository")),
        "liechtenstein" => BundleReader.Read(RepoPaths.SharedFolder("realdata", "liechtenstein")),
        "100k" or "1m" => BundleReader.Read(Folder(Path.Combine(root, "data", "bench", set), "scripts/bench-partition.sh or scripts/bench-generate.sh makes it")),
        _ when Directory.Exists(set) => BundleReader.Read(set),
        _ => throw new ArgumentException($"unknown data set {set}: sample, liechtenstein, 100k, 1m or a bundle folder"),
    };

    private static string Folder(string dir, string hint) =>
        Directory.Exists(dir) ? dir : throw new DirectoryNotFoundException($"data set folder {dir} is missing ({hint})");
}

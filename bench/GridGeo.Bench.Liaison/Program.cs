using System.Diagnostics;
using System.Globalization;
using GridGeo.Bench.Liaison;
using GridGeo.Core.Generation;
using GridGeo.Core.Partitioning.Liaison;

// Liaison unit benchmark: a synthetic district (DistrictGenerator), stand-in grids of about 400
// households, then LiaisonUnitPlanner over all of it. Prints time, units, share in bounds, spread, memory.
var households = Arg("--households", 1_000_000);
var seed = Arg("--seed", 1);
var gridSize = Arg("--grid-size", 400);
var preset = args.SkipWhile(a => a != "--preset").Skip(1).FirstOrDefault() ?? LiaisonOptions.DefaultPresetName;
var withCsv = !args.Contains("--no-households-csv");
var options = LiaisonOptions.Preset(preset);

var clock = Stopwatch.StartNew();
var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = households, Seed = seed, IncludeHouseholds = withCsv });
var generated = clock.Elapsed;
var grids = SlabGrids.Make(bundle, gridSize);
var gridded = clock.Elapsed - generated;
Print($"district: {bundle.TotalHouseholds} households, {bundle.Buildings.Count} buildings, {bundle.Communities.Count} communities, households.csv rows {(withCsv ? "yes" : "no (derived)")}; generated in {generated.TotalSeconds:F1} s");
Print($"grids: {grids.Count} stand-in grids of about {gridSize} households in {gridded.TotalSeconds:F1} s");

// A small warm-up run so the timed run measures the algorithm, not the JIT.
var warm = grids.Take(20).ToList();
LiaisonUnitPlanner.Plan(bundle, warm, options);

GC.Collect();
var before = GC.GetTotalAllocatedBytes(precise: true);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
clock.Restart();
var plan = LiaisonUnitPlanner.Plan(bundle, grids, options);
var elapsed = clock.Elapsed;
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

// The liaison gate, as the CLI and a plan's save run it before units are written (timed apart from the planner).
var gateCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
clock.Restart();
var gateProblems = LiaisonUnitGate.Validate(grids, plan.Units, Environment.ProcessorCount);
var gateElapsed = clock.Elapsed;
var gateCpu = Process.GetCurrentProcess().TotalProcessorTime - gateCpuBefore;

// Households whose building lies whole in their unit but whose building point lies outside the unit's outline: a point
// lookup would name another unit for them (households of a building split over units share its point by nature).
var buildingOf = HouseholdExpanderIndex();
var unitsOfBuilding = plan.Units.SelectMany(u => u.Members.Select(m => (Building: buildingOf[m], u.Code))).Distinct()
    .GroupBy(x => x.Building).ToDictionary(g => g.Key, g => g.Count());
var locationOf = bundle.Buildings.ToDictionary(b => b.Id, b => b.Location);
long wholeBuildingHouseholds = 0, outsideOutline = 0;
foreach (var unit in plan.Units)
{
    var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(unit.Boundary!);
    foreach (var m in unit.Members)
    {
        var b = buildingOf[m];
        if (unitsOfBuilding[b] != 1) continue;
        wholeBuildingHouseholds++;
        if (!prepared.Covers(locationOf[b])) outsideOutline++;
    }
}

var s = plan.Summary;
var sizes = plan.Units.Select(u => u.Households).Order().ToList();
Print($"options: target {options.Target}, {options.Min}–{options.Max}; cores {Environment.ProcessorCount}");
Print($"time: {elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU, for {s.Households} households ({s.Households / elapsed.TotalSeconds:F0} households/s); load average {LoadAverage()}");
Print($"gate: {gateElapsed.TotalSeconds:F2} s wall, {gateCpu.TotalSeconds:F2} s CPU ({gateCpu.TotalSeconds / Math.Max(1e-9, cpu.TotalSeconds):P0} of the planner's CPU); {gateProblems.Count} problem(s)");
Print($"units: {s.Units}; sizes min {sizes.FirstOrDefault()}, median {(sizes.Count > 0 ? sizes[sizes.Count / 2] : 0)}, max {sizes.LastOrDefault()}");
Print($"in bounds: {s.InBoundsShare:P2} ({s.UnitsInBounds}/{s.Units}); grids under the minimum or infeasible: {plan.Warnings.Count(w => w.Contains("fewer than the minimum", StringComparison.Ordinal) || w.Contains("which no split", StringComparison.Ordinal))}");
Print($"spread (diameter of members): median {s.MedianSpreadMetres:F1} m over all units; median {s.MedianMultiBuildingSpreadMetres:F1} m over the {s.MultiBuildingUnits} units of several buildings; max {s.MaxSpreadMetres:F1} m");
Print($"point outside the unit's outline: {outsideOutline} of {wholeBuildingHouseholds} households of buildings whole in one unit ({(double)outsideOutline / Math.Max(1, wholeBuildingHouseholds):P2})");
Print($"households placed by location {s.HouseholdsLocatedByPosition}, outside every grid {s.HouseholdsOutsideGrids}");
Print($"memory: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB, allocated by the run {allocated / 1048576.0:F0} MiB");
return 0;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

Dictionary<string, string> HouseholdExpanderIndex() =>
    GridGeo.Core.Model.HouseholdExpander.HouseholdsOf(bundle).ToDictionary(h => h.Id, h => h.BuildingId, StringComparer.Ordinal);

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

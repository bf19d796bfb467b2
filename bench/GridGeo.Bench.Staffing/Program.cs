using System.Diagnostics;
using System.Globalization;
using GridGeo.Core.Generation;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.Core.Partitioning.Rebalancing;
using GridGeo.Core.Staffing;

// Staffing across a rebalance: the benchmark district (generated as scripts/bench-generate.sh does: --households, seed 1)
// is partitioned and its liaison units planned; a full roster is made (one grid worker and one grid head per basic grid,
// one liaison head per liaison unit); the population shifts (PopulationShift: new estate, growth, demolition) and the plan
// is rebalanced, its liaison units planned anew; then StaffingHandover — the function publishing runs — carries the
// roster over. Prints people kept, moved, released and the areas needing people, and checks that every unchanged or
// recounted grid keeps its worker.
var households = Arg("--households", 100_000);
var seed = Arg("--seed", 1);
var options = new PartitionOptions { Seed = seed };
Console.WriteLine($"staffing benchmark: --households {households} --seed {seed}");

var clock = Stopwatch.StartNew();
var district = PopulationShift.WithoutHouseholdRows(DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = households, Seed = seed, IncludeHouseholds = false }));
var before = GridPartitioner.Partition(district, options);
var unitsBefore = LiaisonUnitPlanner.Plan(district, before.Grids, LiaisonOptions.Default).Units;
Console.WriteLine($"district: {district.TotalHouseholds:N0} households, {before.Grids.Count} grids ({before.Grids.Count(g => g.Kind == GridKinds.Basic)} basic), {unitsBefore.Count:N0} liaison units ({clock.Elapsed.TotalSeconds:F1} s)");

// The full roster: person ids 1…n.
var roster = new List<StaffAssignment>();
long next = 1;
foreach (var g in before.Grids.Where(g => g.Kind == GridKinds.Basic))
{
    roster.Add(new StaffAssignment(next++, StaffRoles.GridWorker, g.Code));
    roster.Add(new StaffAssignment(next++, StaffRoles.GridHead, g.Code));
}
foreach (var u in unitsBefore) roster.Add(new StaffAssignment(next++, StaffRoles.LiaisonHead, u.Code));
Console.WriteLine($"roster: {next - 1:N0} people ({roster.Count(a => a.Role == StaffRoles.GridWorker):N0} grid workers, {roster.Count(a => a.Role == StaffRoles.GridHead):N0} grid heads, {roster.Count(a => a.Role == StaffRoles.LiaisonHead):N0} liaison heads)");

var shift = PopulationShift.Apply(district, seed);
clock.Restart();
var rebalanced = GridRebalancer.Rebalance(shift.Bundle, before.Grids, new HashSet<string>(), options);
var unitsAfter = LiaisonUnitPlanner.Plan(shift.Bundle, rebalanced.Grids, LiaisonOptions.Default).Units;
Console.WriteLine($"rebalance: {rebalanced.Summary.Unchanged} unchanged, {rebalanced.Summary.Recounted} recounted, {rebalanced.Summary.Changed} changed, " +
                  $"{rebalanced.Summary.Created} created, {rebalanced.Summary.Retired} retired; {unitsAfter.Count:N0} liaison units ({clock.Elapsed.TotalSeconds:F1} s)");

// Household weights of the members, as grid_members holds them (old plan: the district before; new plan: after the shift).
var oldWeights = HouseholdsMovedMeasure.MemberHouseholds(before.Grids, district.Buildings);
var newWeights = HouseholdsMovedMeasure.MemberHouseholds(rebalanced.Grids, shift.Bundle.Buildings);
var beforeAreas = before.Grids.Select(g => StaffedArea.OfGrid(g, m => oldWeights(m))).Concat(unitsBefore.Select(StaffedArea.OfLiaisonUnit)).ToList();
var afterAreas = rebalanced.Grids.Select(g => StaffedArea.OfGrid(g, m => newWeights(m))).Concat(unitsAfter.Select(StaffedArea.OfLiaisonUnit)).ToList();

clock.Restart();
var handover = StaffingHandover.Plan(beforeAreas, afterAreas, roster);
var handoverTime = clock.Elapsed;

Console.WriteLine();
Console.WriteLine($"{"",-22}{"kept",10}{"moved",10}{"released",10}");
foreach (var role in StaffRoles.All)
{
    var of = handover.Changes.Where(c => c.Role == role).ToList();
    Console.WriteLine($"{role,-22}{of.Count(c => c.Kind == HandoverKind.Kept),10:N0}{of.Count(c => c.Kind == HandoverKind.Moved),10:N0}{of.Count(c => c.Kind == HandoverKind.Released),10:N0}");
}
Console.WriteLine($"needing people: {handover.GridsWithoutWorker.Count()} basic grids without a grid worker ({handover.GridsWithoutWorker.Count(n => n.New)} new codes), " +
                  $"{handover.Needs.Count(n => n.Role == StaffRoles.LiaisonHead):N0} liaison units without a head ({handover.Needs.Count(n => n.Role == StaffRoles.LiaisonHead && n.New):N0} new codes)");
Console.WriteLine($"handover computed in {handoverTime.TotalMilliseconds:F0} ms");

var diff = PlanDiff.Compare(before.Grids, rebalanced.Grids, m => newWeights(m));
var workerAfter = handover.Assignments.Where(a => a.Role == StaffRoles.GridWorker).ToLookup(a => a.Code, a => a.PersonId);
var workerBefore = roster.Where(a => a.Role == StaffRoles.GridWorker).ToDictionary(a => a.Code, a => a.PersonId);
var steady = diff.Grids.Where(g => g.Kind is GridChangeKind.Unchanged or GridChangeKind.Recounted && workerBefore.ContainsKey(g.Code)).ToList();
var keptWorker = steady.Count(g => workerAfter[g.Code].SequenceEqual([workerBefore[g.Code]]));
Console.WriteLine();
Console.WriteLine($"  [{(keptWorker == steady.Count ? "ok" : "FAIL")}] every unchanged or recounted basic grid keeps its worker: {keptWorker}/{steady.Count}");
var changedKept = diff.Grids.Count(g => g.Kind == GridChangeKind.Changed && workerBefore.TryGetValue(g.Code, out var w) && workerAfter[g.Code].Contains(w));
Console.WriteLine($"  changed grids keeping their own worker: {changedKept}/{diff.Count(GridChangeKind.Changed)}; created grids: {diff.Count(GridChangeKind.Created)}, retired: {diff.Count(GridChangeKind.Retired)}");
var twice = handover.Assignments.Where(a => a.Role == StaffRoles.GridWorker).GroupBy(a => a.Code).Count(g => g.Count() > 1);
Console.WriteLine($"  [{(twice == 0 ? "ok" : "FAIL")}] no grid gets two workers: {twice} with two");
Console.WriteLine();
Console.WriteLine($"process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s; load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
return;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

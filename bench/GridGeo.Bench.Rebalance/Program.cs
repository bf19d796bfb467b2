using System.Diagnostics;
using System.Globalization;
using GridGeo.Core.Coverage;
using GridGeo.Core.Generation;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Rebalancing;

// The population-shift benchmark: a generated district is partitioned, its households shift (a new estate, growth,
// demolition), then the plan is rebalanced and, for comparison, partitioned from scratch. Prints households moved by
// each (the same measure for both), their ratio, the hard-rule checks and the times.
var households = Arg("--households", 20_000);
var seed = Arg("--seed", 1);
var parallel = Arg("--parallel", Environment.ProcessorCount);
var options = new PartitionOptions { Seed = seed, MaxDegreeOfParallelism = parallel };
Console.WriteLine($"rebalance benchmark: --households {households} --seed {seed} --parallel {parallel}; bounds {options.Min}..{options.Max}");

var clock = Stopwatch.StartNew();
var district = PopulationShift.WithoutHouseholdRows(DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = households, Seed = seed, IncludeHouseholds = false }));
var before = GridPartitioner.Partition(district, options);
var partitionTime = clock.Elapsed;
var shift = PopulationShift.Apply(district, seed);
Console.WriteLine($"district: {district.Communities.Count} communities, {district.TotalHouseholds:N0} households, {before.Grids.Count} grids (partitioned in {partitionTime.TotalSeconds:F1} s)");
Console.WriteLine($"shift: +{PopulationShift.EstateHouseholds:N0}-household estate in {shift.EstateCommunity}, +40% in {shift.Grown} buildings of {shift.GrownCommunity}, " +
                  $"{shift.Demolished} buildings of {shift.ThinnedCommunity} demolished; now {shift.Bundle.TotalHouseholds:N0} households");

clock.Restart();
var rebalanced = GridRebalancer.Rebalance(shift.Bundle, before.Grids, new HashSet<string>(), options);
var rebalanceTime = clock.Elapsed;
clock.Restart();
var scratch = GridPartitioner.Partition(shift.Bundle, options);
var scratchTime = clock.Elapsed;

var householdsOf = HouseholdsMovedMeasure.MemberHouseholds(scratch.Grids.Concat(rebalanced.Grids).ToList(), shift.Bundle.Buildings);
var movedRebalance = HouseholdsMovedMeasure.Count(before.Grids, rebalanced.Grids, householdsOf);
var movedScratch = HouseholdsMovedMeasure.Count(before.Grids, scratch.Grids, householdsOf);
var s = rebalanced.Summary;
Console.WriteLine();
Console.WriteLine($"{"",-28}{"rebalance",14}{"from scratch",14}");
Console.WriteLine($"{"households moved",-28}{movedRebalance,14:N0}{movedScratch,14:N0}");
// The same households counted when an old grid continues in at most one new grid (a split grid's second half has moved).
var oneRebalance = HouseholdsMovedMeasure.CountOneToOne(before.Grids, rebalanced.Grids, householdsOf);
var oneScratch = HouseholdsMovedMeasure.CountOneToOne(before.Grids, scratch.Grids, householdsOf);
Console.WriteLine($"{"  one-to-one",-28}{oneRebalance,14:N0}{oneScratch,14:N0}");
Console.WriteLine($"{"grids",-28}{rebalanced.Grids.Count,14:N0}{scratch.Grids.Count,14:N0}");
Console.WriteLine($"{"basic grids in bounds",-28}{Share(rebalanced.Grids),14}{Share(scratch.Grids),14}");
Console.WriteLine($"{"time",-28}{rebalanceTime.TotalSeconds,13:F2}s{scratchTime.TotalSeconds,13:F2}s");
Console.WriteLine($"ratio moved (rebalance / scratch): {(movedScratch == 0 ? double.NaN : (double)movedRebalance / movedScratch):F3} (target ≤ 0.200)");
Console.WriteLine($"ratio moved, one-to-one: {(oneScratch == 0 ? double.NaN : (double)oneRebalance / oneScratch):F3}");
Console.WriteLine();
Console.WriteLine($"{"community",-14}{"moved: rebalance",18}{"from scratch",14}{"grids before",14}{"after",7}{"created",9}{"retired",9}");
foreach (var community in shift.Bundle.Communities.Select(c => c.Code).Order(StringComparer.Ordinal))
{
    List<Grid> Of(IReadOnlyList<Grid> plan) => plan.Where(g => g.CommunityCode == community).ToList();
    var changes = rebalanced.Changes.Where(c => c.CommunityCode == community).ToList();
    Console.WriteLine($"{community,-14}{HouseholdsMovedMeasure.Count(Of(before.Grids), Of(rebalanced.Grids), householdsOf),18:N0}" +
                      $"{HouseholdsMovedMeasure.Count(Of(before.Grids), Of(scratch.Grids), householdsOf),14:N0}{Of(before.Grids).Count,14}{Of(rebalanced.Grids).Count,7}" +
                      $"{changes.Count(c => c.Kind == GridChangeKind.Created),9}{changes.Count(c => c.Kind == GridChangeKind.Retired),9}");
}
// --detail: per changed community, each old grid's households before and after the shift (same members), and which
// old grids each new grid's households came from, in both plans.
if (args.Contains("--detail"))
{
    var shiftedOf = HouseholdsMovedMeasure.MemberHouseholds(before.Grids, shift.Bundle.Buildings);
    var oldOfMember = before.Grids.SelectMany(g => g.Buildings.Select(m => (m, g.Code))).ToDictionary(x => x.m, x => x.Code);
    foreach (var community in rebalanced.Changes.Where(c => c.Kind != GridChangeKind.Unchanged).Select(c => c.CommunityCode).Distinct().Order(StringComparer.Ordinal))
    {
        Console.WriteLine($"detail {community}:");
        foreach (var g in before.Grids.Where(g => g.CommunityCode == community))
            Console.WriteLine($"  old {g.Code} {g.Kind} {g.Households} -> {g.Buildings.Sum(shiftedOf)} after the shift, neighbours " +
                $"{string.Join(",", before.Grids.Where(h => h.CommunityCode == community && h.Code != g.Code && h.Boundary.Relate(g.Boundary, "F***1****")).Select(h => h.Code[^3..]))}: " +
                $"{string.Join(" ", g.Buildings.Select(m => $"{m}={shiftedOf(m)}"))}");
        foreach (var (name, plan) in new[] { ("rebalanced", rebalanced.Grids), ("scratch", scratch.Grids) })
        {
            foreach (var g in plan.Where(g => g.CommunityCode == community))
            {
                var from = g.Buildings.GroupBy(m => oldOfMember.GetValueOrDefault(m) ?? oldOfMember.Keys.Where(k => k.Split('#')[0] == m.Split('#')[0]).Select(k => oldOfMember[k]).FirstOrDefault() ?? "new")
                    .Select(x => $"{x.Key[^3..]}:{x.Sum(householdsOf)}");
                Console.WriteLine($"  {name} {g.Code} {g.Households} <- {string.Join(" ", from)}");
            }
        }
    }
}
// --floor DIR: for each community the shift left with a basic grid out of bounds, an integer program (CPLEX LP format)
// whose optimum is a lower bound on the households any plan must move, by this benchmark's measure, to bring every basic
// grid of the community into bounds (scripts/bench-rebalance-floor.sh solves them with CBC). It relaxes the plan: grids need
// not be connected (nor follow barriers, compounds or exclaves).
var oneToOne = args.Contains("--floor-one-to-one");
if (Array.IndexOf(args, oneToOne ? "--floor-one-to-one" : "--floor") is var fi && fi >= 0 && fi + 1 < args.Length)
{
    var dir = args[fi + 1];
    Directory.CreateDirectory(dir);
    var summary = new List<string>();
    foreach (var community in shift.Bundle.Communities.Select(c => c.Code).Order(StringComparer.Ordinal))
    {
        var oldBasic = before.Grids.Where(g => g.CommunityCode == community && g.Kind == GridKinds.Basic).ToList();
        var oldDedicatedMembers = before.Grids.Where(g => g.CommunityCode == community && g.Kind != GridKinds.Basic)
            .SelectMany(g => g.Buildings).Select(m => m.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        var homeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < oldBasic.Count; g++)
            foreach (var m in oldBasic[g].Buildings) homeOf[m] = g;
        // Atoms: the community's basic buildings after the shift, with their old grid; a building is cut into its stair units
        // where the engine may cut it (AtomBuilder: several units and more households than half the bounds' width or Max).
        var atoms = new List<(string Name, int Households, int Home)>();
        foreach (var b in shift.Bundle.Buildings.Where(b => b.CommunityCode == community && !oldDedicatedMembers.Contains(b.Id)))
        {
            var n = AtomBuilder.CutsIntoUnits(b.Units, b.Households, new HouseholdBounds(options.Min, options.Max)) ? b.Units : 1;
            for (var u = 1; u <= n; u++)
            {
                var w = n == 1 ? b.Households : b.UnitHouseholds(u);
                if (w == 0) continue;
                var name = n == 1 ? b.Id : $"{b.Id}#{u}";
                var home = homeOf.TryGetValue(name, out var h) ? h : homeOf.TryGetValue(b.Id, out h) ? h : homeOf.TryGetValue($"{b.Id}#1", out h) ? h : -1;
                atoms.Add((name, w, home));
            }
        }
        var sizes = Enumerable.Range(0, oldBasic.Count).Select(g => atoms.Where(a => a.Home == g).Sum(a => (long)a.Households)).ToList();
        if (sizes.All(x => x >= options.Min && x <= options.Max) && atoms.All(a => a.Home >= 0)) continue;
        // Each new grid is matched to the old grid that gave it most households (the measure), so grids are indexed by that
        // old grid and a slot: grid (g, s) keeps exactly the households of g's atoms in it. A grid matched to g holds at least
        // one of g's atoms (else matching it elsewhere keeps as much), so g has at most as many slots as atoms, and no more
        // than the community's households allow grids.
        var total = atoms.Sum(a => (long)a.Households);
        var most = (int)(total / options.Min);
        // One-to-one (--floor-one-to-one): an old grid continues in one new grid at most; other grids keep nobody (G = -1).
        var slots = Enumerable.Range(0, oldBasic.Count).Select(g => Math.Min(oneToOne ? 1 : most, atoms.Count(a => a.Home == g))).ToList();
        var grids = Enumerable.Range(0, oldBasic.Count).SelectMany(g => Enumerable.Range(0, slots[g]).Select(t => (G: g, S: t)))
            .Concat(Enumerable.Range(0, oneToOne ? Math.Max(0, most - slots.Count(x => x > 0)) : 0).Select(t => (G: -1, S: t))).ToList();
        var lp = new System.Text.StringBuilder();
        lp.AppendLine($"\\ community {community}: {atoms.Count} atoms, {oldBasic.Count} old basic grids, {grids.Count} grid slots, at most {most} grids; maximise households kept");
        for (var a = 0; a < atoms.Count; a++) lp.AppendLine($"\\ atom {a} {atoms[a].Name} {atoms[a].Households} {(atoms[a].Home < 0 ? "new" : oldBasic[atoms[a].Home].Code)}");
        for (var j = 0; j < grids.Count; j++) lp.AppendLine($"\\ grid {j} {(grids[j].G < 0 ? "none" : oldBasic[grids[j].G].Code)} slot {grids[j].S}");
        lp.AppendLine("Maximize");
        lp.Append(" kept:");
        for (var a = 0; a < atoms.Count; a++)
            for (var j = 0; j < grids.Count; j++) if (grids[j].G == atoms[a].Home) lp.Append($" + {atoms[a].Households} x_{a}_{j}");
        lp.AppendLine();
        lp.AppendLine("Subject To");
        for (var a = 0; a < atoms.Count; a++) lp.AppendLine($" one_{a}: {string.Join(" + ", Enumerable.Range(0, grids.Count).Select(j => $"x_{a}_{j}"))} = 1");
        lp.AppendLine($" count: {string.Join(" + ", Enumerable.Range(0, grids.Count).Select(j => $"u_{j}"))} <= {most}");
        for (var j = 0; j < grids.Count; j++)
        {
            var size = string.Join(" + ", Enumerable.Range(0, atoms.Count).Select(a => $"{atoms[a].Households} x_{a}_{j}"));
            lp.AppendLine($" min_{j}: {size} - {options.Min} u_{j} >= 0");
            lp.AppendLine($" max_{j}: {size} - {options.Max} u_{j} <= 0");
            if (grids[j].G >= 0)
                lp.AppendLine($" own_{j}: {string.Join(" + ", Enumerable.Range(0, atoms.Count).Where(a => atoms[a].Home == grids[j].G).Select(a => $"x_{a}_{j}"))} - u_{j} >= 0");
            if (grids[j].S > 0) lp.AppendLine($" order_{j}: u_{j} - u_{j - 1} <= 0");
            for (var a = 0; a < atoms.Count; a++) lp.AppendLine($" in_{a}_{j}: x_{a}_{j} - u_{j} <= 0");
        }
        lp.AppendLine("Binary");
        for (var j = 0; j < grids.Count; j++)
        {
            lp.AppendLine($" u_{j}");
            for (var a = 0; a < atoms.Count; a++) lp.AppendLine($" x_{a}_{j}");
        }
        lp.AppendLine("End");
        File.WriteAllText(Path.Combine(dir, $"{community}.lp"), lp.ToString());
        var resident = atoms.Where(a => a.Home >= 0).Sum(a => (long)a.Households);
        List<Grid> Of(IReadOnlyList<Grid> plan) => plan.Where(g => g.CommunityCode == community).ToList();
        Func<IReadOnlyList<Grid>, IReadOnlyList<Grid>, Func<string, int>, long> measure = oneToOne ? HouseholdsMovedMeasure.CountOneToOne : HouseholdsMovedMeasure.Count;
        var scratchInBounds = Of(scratch.Grids).Where(g => g.Kind == GridKinds.Basic).All(g => g.Households >= options.Min && g.Households <= options.Max);
        summary.Add($"{community}\t{resident}\t{measure(Of(before.Grids), Of(rebalanced.Grids), householdsOf)}\t{measure(Of(before.Grids), Of(scratch.Grids), householdsOf)}\t{(scratchInBounds ? "yes" : "no")}");
    }
    File.WriteAllLines(Path.Combine(dir, "communities.tsv"), summary.Prepend("community\tresident households\trebalance moved\tscratch moved\tscratch in bounds"));
    File.WriteAllText(Path.Combine(dir, "totals.tsv"), oneToOne ? $"rebalance moved\t{oneRebalance}\nscratch moved\t{oneScratch}\n" : $"rebalance moved\t{movedRebalance}\nscratch moved\t{movedScratch}\n");
}
// Where a grid was out of bounds both orders of the rules were computed: which one each community kept, and why.
foreach (var choice in rebalanced.Choices) Console.WriteLine($"choice: {choice}");
Console.WriteLine($"rebalance: {s.Unchanged} unchanged, {s.Recounted} recounted, {s.Changed} changed, {s.Created} created, {s.Retired} retired; " +
                  $"households whose grid changed: {s.HouseholdsMoved:N0}");

Console.WriteLine();
Console.WriteLine("hard rules (rebalanced plan):");
var coverage = GridCoverageChecker.Check(shift.Bundle.Communities, rebalanced.Grids, parallel);
Check("exact tiling (gap, overlap, outside ≤ 1 m² per community)", coverage.All(c => c.IsExact()),
    $"worst gap {coverage.Max(c => c.GapArea):F2} m², overlap {coverage.Max(c => c.OverlapArea):F2} m², outside {coverage.Max(c => c.OutsideArea):F2} m², " +
    $"invalid {coverage.Sum(c => c.InvalidGrids)}, split inside a piece {coverage.Sum(c => c.SplitInsidePiece)} " +
    $"(the partitioned plan before: {GridCoverageChecker.Check(district.Communities, before.Grids, parallel).Count(c => !c.IsExact())} communities not exact)");
var oldParts = before.Grids.ToDictionary(g => g.Code, g => g.Boundary.NumGeometries);
var multi = rebalanced.Grids.Count(g => g.Boundary.NumGeometries > oldParts.GetValueOrDefault(g.Code, 1));
Check("one polygon per grid (or its old exclave parts)", multi == 0, $"{multi} grids in more parts");
Check("codes unique, 15 digits, inside their community", rebalanced.Grids.Select(g => g.Code).Distinct().Count() == rebalanced.Grids.Count
    && rebalanced.Grids.All(g => g.Code.Length == 15 && g.Code.StartsWith(g.CommunityCode, StringComparison.Ordinal)), "");
var everyBuilding = shift.Bundle.Buildings.Where(b => b.CommunityCode is not null).Sum(b => (long)b.Households);
Check("every household in exactly one grid", rebalanced.Grids.Sum(g => (long)g.Households) == everyBuilding,
    $"{rebalanced.Grids.Sum(g => (long)g.Households):N0} in grids, {everyBuilding:N0} in the bundle");
var oldByCode = before.Grids.ToDictionary(g => g.Code);
var untouched = rebalanced.Changes.Where(c => c.Kind is GridChangeKind.Unchanged).ToList();
// A kept grid is bit-identical unless a changed neighbour's edge ends on its edge: that junction becomes a vertex of both
// (on the 7-decimal grid), which moves the outline by at most one 1e-7° step.
bool SameOutline(Grid old, Grid now) => old.Boundary.EqualsExact(now.Boundary)
    || NetTopologySuite.Algorithm.Distance.DiscreteHausdorffDistance.Distance(old.Boundary.Boundary, now.Boundary.Boundary) <= GridCoverageValidator.SnapTolerance;
bool Kept(Grid old, Grid now) => old.Buildings.SequenceEqual(now.Buildings) && SameOutline(old, now);
var identical = untouched.Count(c => oldByCode[c.Code].Boundary.EqualsExact(rebalanced.Grids.First(g => g.Code == c.Code).Boundary));
Check("unchanged grids kept (code, members; geometry identical or within one 1e-7° step)", untouched.All(c =>
    Kept(oldByCode[c.Code], rebalanced.Grids.First(g => g.Code == c.Code))),
    $"{untouched.Count} grids, {identical} bit-identical, {untouched.Count - identical} with a junction vertex");
var gateClock = System.Diagnostics.Stopwatch.StartNew();
var gate = GridCoverageValidator.ValidateAll(shift.Bundle.Communities, rebalanced.Grids, true, parallel);
Check("plan gate (GridCoverageValidator: valid, one polygon, 7-decimal grid, matching edges, gap/overlap/outside ≤ 0.01 m²)", gate.Count == 0,
    $"{gate.Count} problems in {gateClock.Elapsed.TotalSeconds:F2} s{(gate.Count == 0 ? "" : ": " + GridCoverageValidator.Describe(gate, 3))}");
var dedicatedSame = before.Grids.Where(g => g.Kind == GridKinds.Dedicated).All(g => rebalanced.Grids.Any(r => r.Code == g.Code && SameOutline(g, r)));
Check("dedicated grids keep their area", dedicatedSame, "");
var outOfBounds = rebalanced.Grids.Where(g => g.Kind == GridKinds.Basic && (g.Households < options.Min || g.Households > options.Max)).ToList();
Check("basic grids within bounds where feasible", outOfBounds.Count <= scratch.Grids.Count(g => g.Kind == GridKinds.Basic && (g.Households < options.Min || g.Households > options.Max)),
    $"{outOfBounds.Count} out of bounds ({string.Join(", ", outOfBounds.Take(5).Select(g => $"{g.Code}: {g.Households}"))}); from scratch leaves " +
    $"{scratch.Grids.Count(g => g.Kind == GridKinds.Basic && (g.Households < options.Min || g.Households > options.Max))}");
Check("households moved ≤ 1/5 of from scratch", movedRebalance * 5 <= movedScratch, $"{movedRebalance:N0} vs {movedScratch:N0}");
foreach (var w in rebalanced.Warnings.Take(10)) Console.WriteLine($"  warning: {w}");
Console.WriteLine();
Console.WriteLine($"process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s over {Environment.ProcessorCount} cores; " +
                  $"load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
return;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Share(IReadOnlyList<Grid> grids)
{
    var basic = grids.Where(g => g.Kind == GridKinds.Basic).ToList();
    return basic.Count == 0 ? "-" : $"{(double)basic.Count(g => g.Households is >= 300 and <= 500) / basic.Count:P1}";
}

static void Check(string rule, bool ok, string detail) =>
    Console.WriteLine($"  [{(ok ? "ok" : "FAIL")}] {rule}{(detail.Length > 0 ? $": {detail}" : "")}");

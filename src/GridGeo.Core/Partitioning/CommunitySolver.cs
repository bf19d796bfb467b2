namespace GridGeo.Core.Partitioning;

/// <summary>
/// Assigns the atoms of one community's basic area to grids. Phases, per refinement level (compounds and
/// buildings whole → compounds whole → buildings whole → stair units), stopping at the first level whose plan is in bounds wherever
/// the households allow it:
/// <list type="number">
/// <item>pieces: connected components of the unit graph; a piece too small for a grid of its own (below
/// Min) rides whole with the nearest unit of a larger piece (the exclave rule);</item>
/// <item>zones: <see cref="ZoneBuilder"/> along rivers and major roads;</item>
/// <item>construction: <see cref="TreeBisection"/> into the number of grids <see cref="HouseholdBounds.ChooseParts"/> picks;</item>
/// <item>improvement: <see cref="LocalSearch"/>; where it leaves a grid out of bounds that the zone's total
/// allows to be in bounds, <see cref="EjectionChainRepair"/>, then the local search again.</item>
/// </list>
/// </summary>
public sealed class CommunitySolver(IReadOnlyList<Atom> atoms, AtomGraph graph, HouseholdBounds bounds, PartitionOptions options, int seed)
{
    /// <summary>The outcome: each atom's grid index, the number of grids, and why bounds could not be met.</summary>
    public sealed record Solution(int[] GridOf, int GridCount, long AvoidableViolation, List<string> Reasons, RefinementLevel Level, BarrierClass ZoneLines)
    {
        /// <summary>How far the plan is from the rules, for comparing plans: bounds first, then lines crossed, then compounds and buildings split.</summary>
        public (long, int, int) Rank => (AvoidableViolation, ZoneOrder.IndexOf(ZoneLines), LevelOrder.IndexOf(Level));
    }

    /// <summary>Zone lines from strictest to loosest (rule 4 before rule 5).</summary>
    private static readonly List<BarrierClass> ZoneOrder = [BarrierClass.Major, BarrierClass.Hard, BarrierClass.None];

    /// <summary>Refinement levels from coarsest to finest.</summary>
    private static readonly List<RefinementLevel> LevelOrder =
        [RefinementLevel.Compounds, RefinementLevel.CompoundsWithStairUnits, RefinementLevel.Buildings, RefinementLevel.StairUnits];

    public Solution Solve()
    {
        Solution? best = null;
        // Zones follow rivers and major roads. A zone can hold a feasible total and still have no plan in bounds
        // (a block of 294 households reachable only through one small building beside a dead-end block), so
        // when every level fails, the major roads and then the rivers stop being zone lines, and the plan says so.
        foreach (var lines in ZoneOrder)
        {
            foreach (var level in LevelOrder)
            {
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    var s = SolveAt(level, attempt, lines);
                    if (best is null || s.AvoidableViolation < best.AvoidableViolation) best = s;
                    if (best.AvoidableViolation == 0) return best;
                }
            }
        }
        return best!;
    }

    /// <summary>Fresh random draws at a level before refining to the next.</summary>
    private const int Attempts = 3;
    public static Action<string>? Trace;

    private Solution SolveAt(RefinementLevel level, int attempt, BarrierClass zoneLines)
    {
        var random = new Random(seed + 7919 * (int)level + 104729 * attempt);
        var g = UnitGraphBuilder.Build(atoms, graph, level, bounds);
        var weight = (long[])g.Weight.Clone();
        var reasons = new List<string>();
        var comps = g.Components();
        var gridOfUnit = new int[g.Count];
        Array.Fill(gridOfUnit, -1);
        if (comps.Count == 0) return new Solution(new int[atoms.Count], 0, 0, reasons, level, zoneLines);

        var totals = comps.Select(c => c.Sum(u => weight[u])).ToList();
        var areas = comps.Select(c => c.Sum(u => g.Area[u])).ToList();
        var main = Enumerable.Range(0, comps.Count).Where(i => totals[i] >= bounds.Min).ToList();
        if (main.Count == 0)
            main.Add(Enumerable.Range(0, comps.Count).OrderByDescending(i => totals[i]).ThenByDescending(i => areas[i]).First());
        var mainUnits = main.SelectMany(i => comps[i]).ToList();
        var riders = new List<(List<int> Units, int Host)>();
        for (var i = 0; i < comps.Count; i++)
        {
            if (main.Contains(i)) continue;
            var cx = comps[i].Average(u => g.X[u]);
            var cy = comps[i].Average(u => g.Y[u]);
            var host = mainUnits.OrderBy(u => (g.X[u] - cx) * (g.X[u] - cx) + (g.Y[u] - cy) * (g.Y[u] - cy)).ThenBy(u => u).First();
            weight[host] += totals[i];
            riders.Add((comps[i], host));
        }

        var bisection = new TreeBisection(g, weight, bounds, random, options.TreesPerSplit);
        var search = new LocalSearch(g, weight, bounds, PartitionObjective.Default, random);
        var repair = new EjectionChainRepair(g, weight, bounds);
        var gridCount = 0;
        long avoidable = 0;
        foreach (var m in main)
        {
            foreach (var zone in ZoneBuilder.Build(g, weight, comps[m], bounds, zoneLines))
            {
                var total = zone.Sum(u => weight[u]);
                Trace?.Invoke($"level {level} attempt {attempt} zone units {zone.Count} total {total} feasible {bounds.IsFeasible(total)} comps {comps.Count} main {main.Count}");
                (int[] Local, int Count, long Violation)? bestZone = null;
                // Other grid counts only on the first draw of a level: later draws retry the preferred count.
                foreach (var k in attempt == 0 ? bounds.PartCounts(total) : [bounds.ChooseParts(total)])
                {
                    var plan = PlanZone(g, zone, k, total, bisection, search, repair, weight);
                    if (bestZone is null || plan.Violation < bestZone.Value.Violation) bestZone = plan;
                    if (plan.Violation == 0) break;
                }
                var (local, count, _) = bestZone!.Value;
                var sizes = new long[count];
                foreach (var u in zone)
                {
                    gridOfUnit[u] = gridCount + local[u];
                    sizes[local[u]] += weight[u];
                }
                gridCount += count;
                Trace?.Invoke($"   sizes [{string.Join(",", sizes)}]");
                var violation = sizes.Sum(bounds.Violation);
                if (bounds.IsFeasible(total)) avoidable += violation;
                else if (violation > 0) reasons.Add(Infeasible(total, zone.Count == g.Count ? Where.Whole : zone.Count == comps[m].Count ? Where.Piece : Where.Zone));
            }
        }
        foreach (var (units, host) in riders)
        {
            foreach (var u in units) gridOfUnit[u] = gridOfUnit[host];
        }
        var gridOf = new int[atoms.Count];
        for (var u = 0; u < g.Count; u++)
        {
            foreach (var a in g.Atoms[u]) gridOf[a] = gridOfUnit[u];
        }
        if (zoneLines != BarrierClass.Major)
        {
            reasons.Add(zoneLines == BarrierClass.Hard
                ? "the blocks between major roads cannot be cut into grids in bounds, so some grids cross a major road"
                : "the areas between rivers, railways and major roads cannot be cut into grids in bounds, so some grids cross them");
        }
        return new Solution(gridOf, gridCount, avoidable, reasons, level, zoneLines);
    }

    // Construction into k grids, local search, and where the total allows bounds but the grids miss them, the repair.
    private (int[] Local, int Count, long Violation) PlanZone(
        UnitGraph g, List<int> zone, int k, long total, TreeBisection bisection, LocalSearch search, EjectionChainRepair repair, long[] weight)
    {
        var parts = bisection.Split(zone, k);
        var local = new int[g.Count];
        Array.Fill(local, -1);
        for (var p = 0; p < parts.Count; p++)
        {
            foreach (var u in parts[p]) local[u] = p;
        }
        search.Run(local, zone, parts.Count, options.LocalSearchPasses);
        var violation = ZoneViolation(local, zone, parts.Count, weight);
        if (violation > 0 && bounds.IsFeasible(total))
        {
            var after = repair.Run(local, zone, parts.Count);
            if (after < violation) search.Run(local, zone, parts.Count, options.LocalSearchPasses);
            violation = ZoneViolation(local, zone, parts.Count, weight);
        }
        return (local, parts.Count, violation);
    }

    private long ZoneViolation(int[] local, List<int> zone, int gridCount, long[] weight)
    {
        var sizes = new long[gridCount];
        foreach (var u in zone) sizes[local[u]] += weight[u];
        return sizes.Sum(bounds.Violation);
    }

    private enum Where { Whole, Piece, Zone }

    private string Infeasible(long total, Where part)
    {
        var where = part switch
        {
            Where.Whole => "the community's basic area",
            // A piece no grid may leave: an exclave (飞地), or land that rivers cut off from the rest.
            Where.Piece => "a separate piece of the community (an exclave, or land cut off by rivers)",
            _ => "a part of the community enclosed by rivers, railways or major roads",
        };
        if (total < bounds.Min) return $"{where} has {total} households, fewer than the minimum {bounds.Min}; it forms one grid of {total}";
        var k = bounds.FewestParts(total);
        return $"{where} has {total} households, which no number of grids of {bounds.Min}..{bounds.Max} can hold " +
               $"({k - 1} grids hold at most {(long)(k - 1) * bounds.Max}, {k} need at least {(long)k * bounds.Min}); the closest plan is used";
    }
}

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Splits one grid that is over the maximum and cannot shed into the number of grids <see cref="HouseholdBounds.ChooseParts"/>
/// picks, with the partition engine's construction and improvement phases (<see cref="TreeBisection"/>, then
/// <see cref="LocalSearch"/>) run on the grid's own units (whole buildings; stair units when a building is already split).
/// The part with most households keeps the grid; the others become new grids. <see cref="Resplit"/> does the same for a
/// grid and one neighbour together, when neither can be repaired alone: each keeps the part holding most of its old
/// households, so that as few households as possible change grid.
/// </summary>
internal sealed class GridSplit(RepairState state, IReadOnlyList<Atom> atoms, AtomGraph graph, HouseholdBounds bounds, PartitionOptions options, int seed)
{
    private UnitGraph? _buildings;
    private UnitGraph? _units;
    private int _splits;

    public bool Split(int g) => Cut(g, null);

    /// <summary>Cuts grids <paramref name="g"/> and <paramref name="h"/> together anew; false (nothing changed) when their units cannot be cut.</summary>
    public bool Resplit(int g, int h) => ResplitRegion(g, [h]);

    /// <summary>
    /// Cuts grid <paramref name="g"/> and the grids <paramref name="others"/> together anew: each old grid keeps the part that
    /// holds most of its old households (largest overlaps first), parts left over become new grids and an old grid left
    /// without a part is emptied (and retired). False, with nothing changed, when their units cannot be cut.
    /// </summary>
    public bool ResplitRegion(int g, IReadOnlyList<int> others)
    {
        var oldOf = new Dictionary<int, int>();
        foreach (var grid in others.Prepend(g))
        foreach (var a in state.Members[grid])
            oldOf[a] = grid;
        foreach (var (a, from) in oldOf)
        {
            if (from != g) state.Move(a, g);
        }
        if (Cut(g, oldOf)) return true;
        foreach (var (a, from) in oldOf)
        {
            if (from != g) state.Move(a, from);
        }
        return false;
    }

    private bool Cut(int g, Dictionary<int, int>? oldOf)
    {
        foreach (var level in new[] { RefinementLevel.Buildings, RefinementLevel.StairUnits })
        {
            var ug = level == RefinementLevel.Buildings
                ? _buildings ??= UnitGraphBuilder.Build(atoms, graph, level, bounds)
                : _units ??= UnitGraphBuilder.Build(atoms, graph, level, bounds);
            var zone = Enumerable.Range(0, ug.Count).Where(u => ug.Atoms[u].All(a => state.FinalGrid(a) == g)).ToList();
            var inZone = zone.Sum(u => ug.Weight[u]);
            if (zone.Count < 2 || inZone < state.Size[g]) continue;
            var k = bounds.ChooseParts(inZone);
            if (k < 2 && oldOf is null) return false;
            if (k < 2)
            {
                // They fit in one grid: it keeps the code of the one that had most households.
                var keeper = oldOf!.GroupBy(x => x.Value).Select(x => (Grid: x.Key, Households: x.Sum(y => state.Weight[y.Key])))
                    .OrderByDescending(x => x.Households).ThenBy(x => x.Grid).First().Grid;
                if (keeper != g) foreach (var a in state.Members[g].ToList()) state.Move(a, keeper);
                return true;
            }
            var random = new Random(unchecked(seed + 7919 * ++_splits));
            var parts = new TreeBisection(ug, ug.Weight, bounds, random, options.TreesPerSplit).Split(zone, k);
            if (parts.Count < 2) continue;
            var local = new int[ug.Count];
            Array.Fill(local, -1);
            for (var p = 0; p < parts.Count; p++)
            {
                foreach (var u in parts[p]) local[u] = p;
            }
            new LocalSearch(ug, ug.Weight, bounds, PartitionObjective.Default, random).Run(local, zone, parts.Count, options.LocalSearchPasses);
            var sizes = new long[parts.Count];
            foreach (var u in zone) sizes[local[u]] += ug.Weight[u];
            var target = new int[parts.Count];
            Array.Fill(target, -1);
            if (oldOf is null)
            {
                target[Enumerable.Range(0, parts.Count).OrderByDescending(p => sizes[p]).First()] = g;
            }
            else
            {
                var overlap = new Dictionary<(int Part, int Grid), long>();
                foreach (var u in zone)
                foreach (var a in ug.Atoms[u])
                {
                    if (oldOf.TryGetValue(a, out var was)) overlap[(local[u], was)] = overlap.GetValueOrDefault((local[u], was)) + state.Weight[a];
                }
                var taken = new HashSet<int>();
                foreach (var ((p, grid), _) in overlap.OrderByDescending(x => x.Value).ThenBy(x => x.Key.Part).ThenBy(x => x.Key.Grid))
                {
                    if (target[p] < 0 && taken.Add(grid)) target[p] = grid;
                }
            }
            for (var p = 0; p < parts.Count; p++)
            {
                if (target[p] < 0) target[p] = sizes[p] > 0 ? state.AddGrid(false) : g;
            }
            foreach (var u in zone)
            {
                foreach (var a in ug.Atoms[u])
                {
                    if (!state.IsRider(a) && target[local[u]] != state.GridOf[a]) state.Move(a, target[local[u]]);
                }
            }
            return true;
        }
        return false;
    }
}

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

    public bool Split(int g) => Cut(g, -1);

    /// <summary>Cuts grids <paramref name="g"/> and <paramref name="h"/> together anew; false (nothing changed) when their units cannot be cut.</summary>
    public bool Resplit(int g, int h)
    {
        var before = state.Members[h].ToList();
        foreach (var a in before) state.Move(a, g);
        if (Cut(g, h, before.ToHashSet())) return true;
        foreach (var a in before) state.Move(a, h);
        return false;
    }

    private bool Cut(int g, int h, HashSet<int>? ofH = null)
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
            if (k < 2 && h < 0) return false;
            if (k < 2)
            {
                // The two fit in one grid: it keeps the code of the one that had more households.
                var taken = ofH ?? [];
                var hSize = taken.Sum(a => state.Weight[a]);
                if (hSize > inZone - hSize) foreach (var a in state.Members[g].ToList()) state.Move(a, h);
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
            if (h < 0)
            {
                target[Enumerable.Range(0, parts.Count).OrderByDescending(p => sizes[p]).First()] = g;
            }
            else
            {
                var fromH = new long[parts.Count];
                foreach (var u in zone)
                {
                    foreach (var a in ug.Atoms[u]) if (ofH is not null && ofH.Contains(a)) fromH[local[u]] += state.Weight[a];
                }
                var forG = Enumerable.Range(0, parts.Count).OrderByDescending(p => sizes[p] - fromH[p]).First();
                target[forG] = g;
                target[Enumerable.Range(0, parts.Count).Where(p => p != forG).OrderByDescending(p => fromH[p]).First()] = h;
            }
            for (var p = 0; p < parts.Count; p++)
            {
                if (target[p] < 0) target[p] = sizes[p] > 0 ? state.AddGrid(false) : g;
            }
            foreach (var u in zone)
            {
                foreach (var a in ug.Atoms[u])
                {
                    if (!state.IsRider(a) && target[local[u]] != g) state.Move(a, target[local[u]]);
                }
            }
            return true;
        }
        return false;
    }
}

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Splits one grid that is over the maximum and cannot shed into the number of grids <see cref="HouseholdBounds.ChooseParts"/>
/// picks, with the partition engine's construction and improvement phases (<see cref="TreeBisection"/>, then
/// <see cref="LocalSearch"/>) run on the grid's own units (whole buildings; stair units when a building is already split).
/// The part holding most of the grid's old households keeps the grid; the others become new grids (new buildings that
/// alone took a grid over can be cut off on their own, see <see cref="SplitOffNew"/>). <see cref="Resplit"/> does the same for a
/// grid and one neighbour together, when neither can be repaired alone: each keeps the part holding most of its old
/// households, so that as few households as possible change grid.
/// </summary>
internal sealed class GridSplit(
    RepairState state, IReadOnlyList<Atom> atoms, AtomGraph graph, HouseholdBounds bounds, PartitionOptions options, int seed, Func<int, bool> isNew)
{
    private UnitGraph? _buildings;
    private UnitGraph? _units;
    private int _splits;

    /// <summary>Cuts grid <paramref name="g"/> into grids in bounds; the part holding most of the households it had keeps it.</summary>
    public bool Split(int g) => Cut(g, null);

    /// <summary>
    /// When new buildings (<paramref name="isNew"/>) took grid <paramref name="g"/> over the maximum, its other households are
    /// in bounds and the new ones are enough for grids of their own, cuts the new buildings alone into those grids, so that
    /// no household that was there moves (a new estate becomes its own grids); false, with nothing changed, otherwise.
    /// </summary>
    public bool SplitOffNew(int g)
    {
        foreach (var level in new[] { RefinementLevel.Buildings, RefinementLevel.StairUnits })
        {
            var ug = Units(level);
            var zone = Enumerable.Range(0, ug.Count).Where(u => ug.Atoms[u].All(a => state.FinalGrid(a) == g && isNew(a))).ToList();
            var fresh = zone.Sum(u => ug.Weight[u]);
            if (zone.Count == 0 || !bounds.Contains(state.Size[g] - fresh) || !bounds.IsFeasible(fresh)) return false;
            var (local, count) = Draw(ug, zone, bounds.ChooseParts(fresh));
            var sizes = new long[count];
            foreach (var u in zone) sizes[local[u]] += ug.Weight[u];
            if (!sizes.All(bounds.Contains)) continue;
            var grids = Enumerable.Range(0, count).Select(_ => state.AddGrid(false)).ToArray();
            var moves = new List<int>();
            foreach (var u in zone)
            foreach (var a in ug.Atoms[u])
            {
                if (state.IsRider(a)) continue;
                state.Move(a, grids[local[u]]);
                moves.Add(a);
            }
            if (state.ConnectedWithout(g, -1) && grids.All(h => state.ConnectedWithout(h, -1))) return true;
            foreach (var a in moves) state.Move(a, g);
        }
        return false;
    }

    private UnitGraph Units(RefinementLevel level) => level == RefinementLevel.Buildings
        ? _buildings ??= UnitGraphBuilder.Build(atoms, graph, level, bounds)
        : _units ??= UnitGraphBuilder.Build(atoms, graph, level, bounds);

    /// <summary>The engine's construction and improvement on <paramref name="zone"/>: each unit's part (0…count-1).</summary>
    private (int[] Local, int Count) Draw(UnitGraph ug, List<int> zone, int k)
    {
        var local = new int[ug.Count];
        Array.Fill(local, -1);
        if (k < 2)
        {
            foreach (var u in zone) local[u] = 0;
            return (local, 1);
        }
        var random = new Random(unchecked(seed + 7919 * ++_splits));
        var parts = new TreeBisection(ug, ug.Weight, bounds, random, options.TreesPerSplit).Split(zone, k);
        for (var p = 0; p < parts.Count; p++)
        {
            foreach (var u in parts[p]) local[u] = p;
        }
        if (parts.Count >= 2) new LocalSearch(ug, ug.Weight, bounds, PartitionObjective.Default, random).Run(local, zone, parts.Count, options.LocalSearchPasses);
        return (local, parts.Count);
    }

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
            var ug = Units(level);
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
            var (local, count) = Draw(ug, zone, k);
            if (count < 2) continue;
            var sizes = new long[count];
            foreach (var u in zone) sizes[local[u]] += ug.Weight[u];
            var target = new int[count];
            Array.Fill(target, -1);
            if (oldOf is null)
            {
                // The grid stays with the part that holds most of the households it had (new buildings are no one's).
                var had = new long[count];
                foreach (var u in zone)
                foreach (var a in ug.Atoms[u])
                {
                    if (state.Home[a] == g && !isNew(a)) had[local[u]] += atoms[a].Households;
                }
                target[Enumerable.Range(0, count).OrderByDescending(p => had[p]).ThenByDescending(p => sizes[p]).First()] = g;
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
            for (var p = 0; p < count; p++)
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

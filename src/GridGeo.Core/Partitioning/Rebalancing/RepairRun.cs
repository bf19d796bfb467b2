namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// The order in which the rebalance rules are tried on an out-of-bounds grid. Neither order moves fewer households on
/// every community: taking from (or giving to) neighbours moves a few boundary atoms but can travel along a chain of grids;
/// re-cutting (splitting, dissolving, cutting a grid anew with a neighbour) moves whole parts but only once; joining two grids
/// under the minimum moves only the smaller one; a search from the old grids finds plans no rule order reaches. The rebalancer
/// runs all four and keeps the one that moves fewest households (<see cref="CommunityRebalancer"/>).
/// </summary>
internal enum RepairOrder
{
    /// <summary>Shed to / take from neighbours first (directly, then along a chain); split, dissolve or re-cut only when they cannot.</summary>
    NeighboursFirst,

    /// <summary>Split a grid over the maximum, dissolve one under the minimum, or cut it anew with a neighbour first; neighbours only when that cannot.</summary>
    RecutFirst,

    /// <summary>
    /// The grids furthest out of bounds first, and a grid under the minimum joins a whole neighbour first (one under the
    /// minimum too when there is one: a single join repairs both), then takes from neighbours; over the maximum as neighbours first.
    /// </summary>
    MergeFirst,

    /// <summary>
    /// The search first (<see cref="MovedAnnealing"/> from the run's start — the old grids, or the assignment the outline
    /// rebuild handed back — weighing households out of bounds against households moved), then the rules of
    /// neighbours-first for whatever it left out of bounds.
    /// </summary>
    SearchFirst,
}

/// <summary>
/// One run of the bounds repair on a community's atoms, in one <see cref="RepairOrder"/>: from the old grids (or from a
/// given assignment), every out-of-bounds grid is repaired by <see cref="BoundsRepair"/> and <see cref="GridSplit"/> until
/// none is left or none can be helped, then the last resort cuts a stuck grid anew with the grids around it, households are
/// brought back to their old grids where the bounds allow (<see cref="BoundsRepair.Settle"/>), and finally
/// <see cref="MovedAnnealing"/> looks a few moves further for a plan that moves fewer.
/// </summary>
internal sealed class RepairRun
{
    private readonly HouseholdBounds _bounds;
    private readonly Func<int, bool> _isNew;
    private readonly BoundsRepair _repair;
    private readonly GridSplit _splitter;
    private readonly int _seed;

    /// <param name="start">The grid of each atom to start from (null: its old grid, <paramref name="home"/>); grids past the
    /// old ones are new (unlocked) grids.</param>
    public RepairRun(AtomGraph graph, int[] home, IReadOnlyList<Atom> atoms, int oldGrids, Func<int, bool> locked, HouseholdBounds bounds,
        PartitionOptions options, int seed, Func<int, bool> isNew, RepairOrder order, int[]? start = null)
    {
        Graph = graph;
        _bounds = bounds;
        Order = order;
        _isNew = isNew;
        State = new RepairState(graph, home, atoms, oldGrids, locked);
        if (start is not null)
        {
            for (var a = 0; a < atoms.Count; a++)
            {
                if (State.IsRider(a) || start[a] < 0 || start[a] == State.GridOf[a]) continue;
                while (State.GridCount <= start[a]) State.AddGrid(false);
                State.Move(a, start[a]);
            }
        }
        _seed = unchecked(seed * 31 + (int)order);
        _repair = new BoundsRepair(State, bounds, isNew);
        _splitter = new GridSplit(State, atoms, graph, bounds, options, seed, isNew);
    }

    public AtomGraph Graph { get; }

    public RepairState State { get; }

    public RepairOrder Order { get; }

    /// <summary>Households (of buildings that were there, not new ones) whose grid is not their old grid.</summary>
    public long Moved => Enumerable.Range(0, State.Atoms.Count)
        .Where(a => !_isNew(a) && State.FinalGrid(a) != State.Home[a]).Sum(a => (long)State.Atoms[a].Households);

    /// <summary>Households above the maximum or below the minimum, summed over unlocked grids that have members.</summary>
    public long Violation => State.Violation(_bounds);

    public RepairRun Run()
    {
        // The search runs only where the start is out of bounds: a community (or a finished plan handed back by the outline
        // rebuild) in bounds is left as the rules leave it.
        var outOfBounds = Violation > 0;
        var search = new MovedAnnealing(State, _bounds, _isNew, _seed);
        if (outOfBounds && Order == RepairOrder.SearchFirst) search.Run();
        RepairEach();
        LastResort();
        _repair.Settle();
        if (outOfBounds && Moved > 0) search.Run();
        return this;
    }

    private void RepairEach()
    {
        var state = State;
        var stuck = new HashSet<int>();
        var rounds = 8 * state.GridCount + 32;
        for (var round = 0; round < rounds; round++)
        {
            var outOfBounds = Enumerable.Range(0, state.GridCount)
                .Where(i => !state.Locked[i] && !stuck.Contains(i) && state.Members[i].Count > 0 && _bounds.Violation(state.Size[i]) > 0)
                .OrderByDescending(i => _bounds.Violation(state.Size[i])).ThenBy(i => i).ToList();
            if (outOfBounds.Count == 0) break;
            // Neighbours first: grids a direct neighbour can repair go first, so that a chain, split or dissolve does not
            // take up the room (or the households) a neighbour had for them; among them, those with fewest neighbours able
            // to help go first. Grids holding new buildings keep the order below, where new buildings make grids of their
            // own before any shedding.
            if (Order is RepairOrder.NeighboursFirst or RepairOrder.SearchFirst
                && outOfBounds.Where(i => !state.Members[i].Any(_isNew)).OrderBy(_repair.Options).Any(_repair.RepairDirectly)) continue;
            var g = outOfBounds[0];
            if (!RepairOne(g)) stuck.Add(g);
        }
    }

    private bool RepairOne(int g)
    {
        var over = State.Size[g] > _bounds.Max;
        // New buildings that make grids of their own move nobody: they go first in every order.
        if (over && _splitter.SplitOffNew(g)) return true;
        bool Split() => _bounds.IsFeasible(State.Size[g]) && _splitter.Split(g);
        return (over, Order) switch
        {
            (true, RepairOrder.RecutFirst) => Split() || ResplitWithNeighbour(g) || _repair.Shed(g),
            (true, _) => _repair.Shed(g) || Split() || ResplitWithNeighbour(g),
            (false, RepairOrder.NeighboursFirst or RepairOrder.SearchFirst) => _repair.Absorb(g) || _repair.Merge(g) || _repair.Dissolve(g) || ResplitWithNeighbour(g),
            (false, RepairOrder.RecutFirst) => _repair.Merge(g) || _repair.Dissolve(g) || ResplitWithNeighbour(g) || _repair.Absorb(g),
            (false, _) => _repair.Merge(g) || _repair.Absorb(g) || _repair.Dissolve(g) || ResplitWithNeighbour(g),
        };
    }

    // Cuts the grid and one neighbour anew together, choosing the neighbour whose combined total can be cut into grids in
    // bounds with the fewest households.
    private bool ResplitWithNeighbour(int g)
    {
        var state = State;
        var neighbours = state.Members[g].SelectMany(a => state.Edges(a)).Select(e => state.GridOf[e.To])
            .Where(h => h >= 0 && h != g && !state.Locked[h] && state.Members[h].Count > 0).Distinct()
            .Where(h => _bounds.IsFeasible(state.Size[g] + state.Size[h]))
            .OrderBy(h => state.Size[h]).ThenBy(h => h).ToList();
        return neighbours.Any(h => _splitter.Resplit(g, h));
    }

    // Last resort for a grid still out of bounds: cut it anew together with all its unlocked neighbours, and when their
    // total cannot be cut into grids in bounds, with the grids up to two steps further out (kept only when it lowers their
    // total excess).
    private void LastResort()
    {
        var state = State;
        for (var g = 0; g < state.GridCount; g++)
        {
            // The grid's unlocked neighbours first; when they cannot help (a corner grid whose only neighbour sits at the
            // bound), the grids one and then two steps further out join, so that the households can shift along a chain.
            var ring = new List<int> { g };
            var region = new List<int>();
            for (var depth = 0; depth < 3; depth++)
            {
                if (state.Locked[g] || state.Members[g].Count == 0 || _bounds.Violation(state.Size[g]) == 0) break;
                var inRegion = region.Prepend(g).ToHashSet();
                var next = ring.SelectMany(h => state.Members[h]).SelectMany(a => state.Edges(a)).Select(e => state.GridOf[e.To])
                    .Where(h => h >= 0 && !inRegion.Contains(h) && !state.Locked[h] && state.Members[h].Count > 0).Distinct().Order().ToList();
                if (next.Count == 0) break;
                region = region.Concat(next).Order().ToList();
                ring = next;
                if (!_bounds.IsFeasible(state.Size[g] + region.Sum(h => state.Size[h]))) continue;
                var grids = region.Prepend(g).ToList();
                var before = grids.SelectMany(h => state.Members[h].Select(a => (Atom: a, Grid: h))).ToList();
                var violation = grids.Sum(h => _bounds.Violation(state.Size[h]));
                var count = state.GridCount;
                var ok = _splitter.ResplitRegion(g, region);
                // A grid the cut left empty is retired, not under Min.
                var after = grids.Concat(Enumerable.Range(count, state.GridCount - count)).Where(h => state.Members[h].Count > 0)
                    .Sum(h => _bounds.Violation(state.Size[h]));
                if (!ok) continue;
                if (after < violation) break;
                foreach (var (a, h) in before)
                {
                    if (state.GridOf[a] != h) state.Move(a, h);
                }
            }
        }
    }
}

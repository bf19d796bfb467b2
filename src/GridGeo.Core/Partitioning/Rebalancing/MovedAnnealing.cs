namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Simulated annealing over a repair's assignment that lowers the households whose grid changed. The rules of
/// <see cref="BoundsRepair"/> repair one grid at a time and stop at the first way that works; a few moves away there is often a
/// plan that moves fewer households (a top-up taken from the grid's old neighbour instead of a chain, a new grid that a chain
/// through three grids makes unnecessary). Each step either moves one boundary atom to a neighbouring unlocked grid, keeping
/// the grid it leaves connected (a grid it empties is retired), or — <see cref="SwapShare"/> of the steps — trades it for the
/// atom across the edge, keeping both grids connected (both keep about their size, so an atom can go home where the bounds are
/// tight). A plan is weighed by
/// <list type="bullet">
/// <item>households out of bounds (during the search a soft penalty, <see cref="BoundsWeight"/> a household, so that a chain
/// can pass through a grid over or under a bound on the way; the plan kept is never further out of bounds than the start);</item>
/// <item>households whose grid is not their old grid (new buildings move nobody); the plan kept never moves more than the
/// start at the start's bounds;</item>
/// <item>buildings and compounds split (<see cref="BuildingSplit"/>, <see cref="CompoundSplit"/> households each) and the
/// length of grid boundary (<see cref="BoundaryPerMetre"/>), so that it does not cut a tower or draw a ragged grid to save a
/// household.</item>
/// </list>
/// Only grids out of bounds or changed by the repair, and those up to two grids away, take part; the others are left alone.
/// The search runs <see cref="Starts"/> times from the same assignment with different seeds and keeps the best plan seen:
/// fewest households out of bounds, then fewest moved, then fewest grids not as they were (no grid is redrawn for its
/// shape alone), then the lowest weight. Seeded: the same input gives the same plan.
/// </summary>
internal sealed class MovedAnnealing(RepairState state, HouseholdBounds bounds, Func<int, bool> isNew, int seed)
{
    private const double BoundsWeight = 4;
    private const double BuildingSplit = 10;
    private const double CompoundSplit = 2;
    private const double BoundaryPerMetre = 0.02;
    private const double StartTemperature = 40;
    private const double EndTemperature = 0.3;
    private const int StepsPerAtom = 1500;
    private const double SwapShare = 0.3;
    private const int Starts = 3;
    private const int MaxSteps = 400_000;

    /// <summary>Runs the search and leaves the best plan in the state; returns how many fewer households it moves than the start.</summary>
    public long Run()
    {
        var n = state.Atoms.Count;
        var inPlay = GridsInPlay();
        var hosts = Enumerable.Range(0, n)
            .Where(a => !state.IsRider(a) && state.GridOf[a] >= 0 && inPlay[state.GridOf[a]] && state.Edges(a).Any())
            .ToArray();
        if (hosts.Length < 2) return 0;
        // Each host carries its riders: the households of the group by old grid (new buildings left out).
        var residents = new Dictionary<int, long>[n];
        for (var a = 0; a < n; a++)
        {
            if (isNew(a) || state.Home[a] < 0) continue;
            var h = state.Host(a);
            residents[h] ??= [];
            residents[h][state.Home[a]] = residents[h].GetValueOrDefault(state.Home[a]) + state.Atoms[a].Households;
        }
        long MovedIn(int a, int g)
        {
            var r = residents[a];
            if (r is null) return 0;
            long sum = 0;
            foreach (var (home, households) in r)
            {
                if (home != g) sum += households;
            }
            return sum;
        }
        double EdgeCost(int a, AtomEdge e)
        {
            var (x, y) = (state.Atoms[a], state.Atoms[e.To]);
            var split = x.BuildingId == y.BuildingId ? BuildingSplit
                : x.CompoundId is not null && x.CompoundId == y.CompoundId ? CompoundSplit : 0;
            return split + BoundaryPerMetre * e.Length;
        }
        // For each grid, how many atoms entered or left it: a grid with none is as it was.
        var changes = new int[state.GridCount];
        void Count(int a, int g, int sign)
        {
            var home = state.Home[a];
            if (g == home) return;
            changes[g] += sign;
            if (home >= 0 && home < changes.Length) changes[home] += sign;
        }
        var touched = 0;
        int Touched(int g, int h, int home) =>
            (changes[g] > 0 ? 1 : 0) + (changes[h] > 0 ? 1 : 0) + (home >= 0 && home < changes.Length && home != g && home != h && changes[home] > 0 ? 1 : 0);
        // Moves a, keeping the count of grids not as they were.
        void MoveAtom(int a, int to)
        {
            var (from, home) = (state.GridOf[a], state.Home[a]);
            var before = Touched(from, to, home);
            Count(a, from, -1);
            Count(a, to, +1);
            touched += Touched(from, to, home) - before;
            state.Move(a, to);
        }
        long TotalMoved() => hosts.Sum(a => MovedIn(a, state.GridOf[a]));

        var origin = (int[])state.GridOf.Clone();
        var startMoved = TotalMoved();
        (long Violation, long Moved, int Touched, double Score, int[] GridOf)? overall = null;
        for (var start = 0; start < Starts; start++)
        {
            Restore(origin);
            Array.Clear(changes);
            foreach (var a in hosts) Count(a, state.GridOf[a], +1);
            touched = changes.Count(c => c > 0);
            var violation = state.Violation(bounds);
            var moved = TotalMoved();
            var shape = 0.0;
            var startViolation = violation;
            var best = (Violation: violation, Moved: moved, Touched: touched, Score: moved + shape, GridOf: (int[])state.GridOf.Clone());
            // The change in weight of the boundary around a when it moves from grid g to grid h.
            double ShapeDelta(int a, int g, int h)
            {
                var delta = 0.0;
                foreach (var e in state.Edges(a))
                {
                    if (state.IsRider(e.To) || e.To == a) continue;
                    var other = state.GridOf[e.To];
                    delta += ((other != h ? 1 : 0) - (other != g ? 1 : 0)) * EdgeCost(a, e);
                }
                return delta;
            }
            void Accepted(long dViolation, long dMoved, double dShape)
            {
                violation += dViolation;
                moved += dMoved;
                shape += dShape;
                // Kept: fewer households out of bounds; or as many, then (at the start's bounds, no more moved than the start)
                // fewer moved, then fewer grids not as they were (none redrawn for its shape alone), then a lower weight.
                if (violation < best.Violation
                    || (violation == best.Violation && (moved <= startMoved || violation < startViolation)
                        && (moved, touched) .CompareTo((best.Moved, best.Touched)) is var c && (c < 0 || (c == 0 && moved + shape < best.Score - 1e-9))))
                    best = (violation, moved, touched, moved + shape, (int[])state.GridOf.Clone());
            }

            var random = new Random(unchecked(seed * 7919 + start));
            var steps = Math.Min(MaxSteps, StepsPerAtom * hosts.Length);
            var cooling = Math.Log(EndTemperature / StartTemperature) / steps;
            for (var step = 0; step < steps; step++)
            {
                var a = hosts[random.Next(hosts.Length)];
                var edges = state.Edges(a) as IList<AtomEdge> ?? state.Edges(a).ToList();
                var pick = edges[random.Next(edges.Count)];
                var (g, h) = (state.GridOf[a], state.GridOf[pick.To]);
                if (h == g || h < 0 || state.IsRider(pick.To) || !inPlay[h]) continue;

                var temperature = StartTemperature * Math.Exp(cooling * step);
                if (random.NextDouble() < SwapShare)
                {
                    // A trade across the edge: a goes to h, the atom on the other side (b) to g; both grids keep about their size.
                    var b = pick.To;
                    var (wa, wb) = (state.Weight[a], state.Weight[b]);
                    var swapViolation = bounds.Violation(state.Size[g] - wa + wb) + bounds.Violation(state.Size[h] + wa - wb)
                                        - bounds.Violation(state.Size[g]) - bounds.Violation(state.Size[h]);
                    var swapMoved = MovedIn(a, h) - MovedIn(a, g) + MovedIn(b, g) - MovedIn(b, h);
                    var swapShape = ShapeDelta(a, g, h);
                    MoveAtom(a, h);
                    swapShape += ShapeDelta(b, h, g);
                    MoveAtom(b, g);
                    var swapDelta = BoundsWeight * swapViolation + swapMoved + swapShape;
                    if ((swapDelta > 0 && random.NextDouble() >= Math.Exp(-swapDelta / temperature))
                        || !state.ConnectedWithout(g, -1) || !state.ConnectedWithout(h, -1))
                    {
                        MoveAtom(b, h);
                        MoveAtom(a, g);
                        continue;
                    }
                    Accepted(swapViolation, swapMoved, swapShape);
                    continue;
                }

                var w = state.Weight[a];
                var emptied = state.Members[g].Count == 1;
                var dViolation = (emptied ? 0 : bounds.Violation(state.Size[g] - w)) + bounds.Violation(state.Size[h] + w)
                                 - bounds.Violation(state.Size[g]) - bounds.Violation(state.Size[h]);
                var dMoved = MovedIn(a, h) - MovedIn(a, g);
                var dShape = ShapeDelta(a, g, h);
                var delta = BoundsWeight * dViolation + dMoved + dShape;
                if (delta > 0 && random.NextDouble() >= Math.Exp(-delta / temperature)) continue;
                if (!emptied && !state.ConnectedWithout(g, a)) continue;
                MoveAtom(a, h);
                Accepted(dViolation, dMoved, dShape);
            }
            if (overall is not { } o || (best.Violation, best.Moved, best.Touched).CompareTo((o.Violation, o.Moved, o.Touched)) is var k && (k < 0 || (k == 0 && best.Score < o.Score - 1e-9)))
                overall = best;
        }
        Restore(overall!.Value.GridOf);
        return startMoved - TotalMoved();

        // The unlocked grids the search may change: those out of bounds or changed by the repair (an atom left or entered
        // them), and those up to two grids away (a chain passes through them); every other grid is left alone.
        bool[] GridsInPlay()
        {
            var grids = state.GridCount;
            var distance = Enumerable.Repeat(int.MaxValue, grids).ToArray();
            for (var a = 0; a < n; a++)
            {
                if (state.IsRider(a) || state.GridOf[a] < 0) continue;
                var g = state.GridOf[a];
                if (state.Home[a] == g) continue;
                distance[g] = 0;
                if (state.Home[a] >= 0 && state.Home[a] < grids) distance[state.Home[a]] = 0;
            }
            for (var g = 0; g < grids; g++)
            {
                if (state.Members[g].Count > 0 && bounds.Violation(state.Size[g]) > 0) distance[g] = 0;
            }
            for (var step = 1; step <= 2; step++)
            {
                for (var g = 0; g < grids; g++)
                {
                    if (distance[g] != step - 1) continue;
                    foreach (var h in state.NeighbourGrids(g)) distance[h] = Math.Min(distance[h], step);
                }
            }
            return Enumerable.Range(0, grids).Select(g => !state.Locked[g] && distance[g] <= 2).ToArray();
        }

        void Restore(int[] gridOf)
        {
            foreach (var a in hosts)
            {
                if (state.GridOf[a] != gridOf[a]) state.Move(a, gridOf[a]);
            }
        }
    }
}

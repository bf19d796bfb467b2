namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Brings out-of-bounds grids back into Min..Max with as few households moved as possible, in the order the rebalance
/// rules give: a grid over the maximum sheds boundary atoms to neighbours with room; one under the minimum takes boundary
/// atoms from neighbours that can spare them. When no direct neighbour can, the surplus or deficit travels along a chain of
/// grids (an ejection chain: each grid on the path passes boundary atoms on to the next and ends about where it started)
/// to the nearest grid that can take or give it. Each move keeps both grids connected and never touches a locked grid; a
/// repair that cannot finish is undone whole, so that a grid which must be split or dissolved has not first pushed
/// households around for nothing. Among the moves that fix a grid, those that move no more households than needed come
/// first, then new buildings (moving one moves nobody who lived in the grid), then those that keep buildings and compounds
/// whole, then those along a long shared boundary (compact grids).
/// </summary>
internal sealed class BoundsRepair(RepairState state, HouseholdBounds bounds, Func<int, bool> isNew)
{
    /// <summary>Longest chain of grids a surplus or deficit may travel along, the grid itself included.</summary>
    private const int MaxChainGrids = 5;

    /// <summary>Most atoms one planned transfer moves at once, and the most moves it weighs (<see cref="Plan"/>).</summary>
    private const int PlanSteps = 3;
    private const int PlanBudget = 20_000;

    private readonly List<(int Atom, int From)> _log = [];

    /// <summary>Moves atoms out of <paramref name="g"/> until it is at most Max; false, with nothing changed, when it cannot.</summary>
    public bool Shed(int g) => Atomically(() => Transfer(g, null, outward: true, bounds.Max, bounds.Max) || Chain(g, outward: true));

    /// <summary>Moves atoms into <paramref name="g"/> until it is at least Min; false, with nothing changed, when it cannot.</summary>
    public bool Absorb(int g) => Atomically(() => Transfer(g, null, outward: false, bounds.Min, bounds.Min) || Chain(g, outward: false));

    /// <summary>Like <see cref="Shed"/> or <see cref="Absorb"/> with direct neighbours only (no chain); false, with nothing changed, when they cannot.</summary>
    public bool RepairDirectly(int g) => state.Size[g] > bounds.Max
        ? Atomically(() => Transfer(g, null, outward: true, bounds.Max, bounds.Max))
        : Atomically(() => Transfer(g, null, outward: false, bounds.Min, bounds.Min));

    /// <summary>
    /// How many unlocked neighbours of out-of-bounds grid <paramref name="g"/> have room for some of its households (over
    /// the maximum) or households to spare (under it): grids with fewer go first, so that others do not take up their only way out.
    /// </summary>
    public int Options(int g)
    {
        var over = state.Size[g] > bounds.Max;
        return state.NeighbourGrids(g).Count(h => !state.Locked[h] && (over ? state.Size[h] < bounds.Max : state.Size[h] > bounds.Min));
    }

    private bool Atomically(Func<bool> repair)
    {
        var mark = _log.Count;
        if (repair()) return true;
        for (var i = _log.Count - 1; i >= mark; i--) state.Move(_log[i].Atom, _log[i].From);
        _log.RemoveRange(mark, _log.Count - mark);
        return false;
    }

    /// <summary>
    /// Outward: moves boundary atoms of <paramref name="g"/> to a neighbour (only <paramref name="only"/> when given) until
    /// g is at most <paramref name="target"/>, no receiver passing <paramref name="otherLimit"/>. Inward: takes boundary atoms
    /// of neighbours until g is at least <paramref name="target"/>, no giver falling under <paramref name="otherLimit"/>.
    /// Outward, the step-by-step choice is weighed against <see cref="Plan"/> and the one moving fewer households is kept.
    /// </summary>
    private bool Transfer(int g, int? only, bool outward, long target, long otherLimit)
    {
        if (!outward) return StepByStep(g, only, outward, target, otherLimit);
        var mark = _log.Count;
        var stepped = StepByStep(g, only, outward, target, otherLimit);
        var steps = _log.Skip(mark).Select(x => (x.Atom, To: state.GridOf[x.Atom])).ToList();
        var cost = (Residents: steps.Sum(x => isNew(x.Atom) ? 0 : state.Weight[x.Atom]), Total: steps.Sum(x => state.Weight[x.Atom]));
        for (var i = _log.Count - 1; i >= mark; i--) state.Move(_log[i].Atom, _log[i].From);
        _log.RemoveRange(mark, _log.Count - mark);
        var plan = Plan(g, only, outward, target, otherLimit, stepped ? cost : null);
        if (plan is null && !stepped) return false;
        foreach (var (a, to) in plan ?? steps)
        {
            _log.Add((a, state.GridOf[a]));
            state.Move(a, to);
        }
        return true;
    }

    private bool StepByStep(int g, int? only, bool outward, long target, long otherLimit)
    {
        while (outward ? state.Size[g] > target : state.Size[g] < target)
        {
            var need = Math.Abs(state.Size[g] - target);
            var moved = false;
            foreach (var (a, other) in Candidates(g, outward, need, only, otherLimit))
            {
                if (!state.ConnectedWithout(outward ? g : other, a)) continue;
                _log.Add((a, state.GridOf[a]));
                state.Move(a, outward ? other : g);
                moved = true;
                break;
            }
            if (!moved) return false;
        }
        return true;
    }

    /// <summary>
    /// The moves of at most <see cref="PlanSteps"/> boundary atoms that bring <paramref name="g"/> to <paramref name="target"/>
    /// (same limits as <see cref="Transfer"/>) moving the fewest households who lived there (new buildings move nobody), then
    /// the fewest households, then the first in <see cref="Candidates"/> order: taking the atom that fits the need best one step at a
    /// time can move two atoms where one a little larger would do. Null when no such moves exist within the steps or none
    /// moves fewer than <paramref name="toBeat"/> (households who lived there, then households).
    /// </summary>
    private List<(int Atom, int To)>? Plan(int g, int? only, bool outward, long target, long otherLimit, (long Residents, long Total)? toBeat)
    {
        List<(int Atom, int To)>? best = null;
        var bestTotal = toBeat?.Total ?? long.MaxValue;
        var bestResidents = toBeat?.Residents ?? long.MaxValue;
        var path = new List<(int Atom, int To, int From)>();
        var budget = PlanBudget;
        Search(0, 0);
        return best;

        void Search(long total, long residents)
        {
            var need = outward ? state.Size[g] - target : target - state.Size[g];
            if (need <= 0)
            {
                if (residents < bestResidents || (residents == bestResidents && total < bestTotal))
                {
                    (bestTotal, bestResidents) = (total, residents);
                    best = path.Select(p => (p.Atom, p.To)).ToList();
                }
                return;
            }
            if (path.Count == PlanSteps || residents > bestResidents) return;
            foreach (var (a, other) in Candidates(g, outward, need, only, otherLimit).ToList())
            {
                var w = state.Weight[a];
                var r = residents + (isNew(a) ? 0 : w);
                if (r > bestResidents || (r == bestResidents && total + w >= bestTotal)) continue;
                if (--budget < 0) return;
                if (!state.ConnectedWithout(outward ? g : other, a)) continue;
                var from = state.GridOf[a];
                var to = outward ? other : g;
                state.Move(a, to);
                path.Add((a, to, from));
                Search(total + w, r);
                path.RemoveAt(path.Count - 1);
                state.Move(a, from);
            }
        }
    }

    /// <summary>
    /// An ejection chain: along the shortest paths of unlocked neighbouring grids from <paramref name="g"/> to a grid that can
    /// take its surplus (<paramref name="outward"/>) or spare its deficit, households pass one grid at a time; every grid on
    /// the way ends inside the bounds. Nearest ends are tried first.
    /// </summary>
    private bool Chain(int g, bool outward)
    {
        var need = outward ? state.Size[g] - bounds.Max : bounds.Min - state.Size[g];
        if (need <= 0) return true;
        var parent = new Dictionary<int, int> { [g] = -1 };
        var frontier = new List<int> { g };
        for (var depth = 1; depth < MaxChainGrids && frontier.Count > 0; depth++)
        {
            var next = new List<int>();
            foreach (var u in frontier)
            {
                foreach (var v in state.NeighbourGrids(u))
                {
                    if (state.Locked[v] || !parent.TryAdd(v, u)) continue;
                    next.Add(v);
                    var spare = outward ? bounds.Max - state.Size[v] : state.Size[v] - bounds.Min;
                    if (depth < 2 || spare < need) continue;
                    var path = new List<int>();
                    for (var w = v; w >= 0; w = parent[w]) path.Add(w);
                    path.Reverse();
                    if (Atomically(() => PassAlong(path, outward, need))) return true;
                }
            }
            frontier = next;
        }
        return false;
    }

    // path[0] is the grid being repaired, path[^1] the one with room or households to spare. Each step passes households one
    // grid further until the grid is back in bounds (not back to where it started: a grid in the middle with room keeps what
    // it can, so fewer households travel); grids in the middle may pass a bound for a moment (they give on at the next step).
    private bool PassAlong(List<int> path, bool outward, long need)
    {
        var start = path.Select(p => state.Size[p]).ToArray();
        var slack = need + state.Members[path[0]].Concat(path.SelectMany(p => state.Members[p])).Max(a => state.Weight[a]);
        var target = outward ? bounds.Max : bounds.Min;
        for (var i = 0; i + 1 < path.Count; i++)
        {
            var last = i + 2 == path.Count;
            var otherLimit = outward ? (last ? bounds.Max : start[i + 1] + slack) : (last ? bounds.Min : start[i + 1] - slack);
            if (!Transfer(path[i], path[i + 1], outward, target, otherLimit)) return false;
        }
        return path.All(p => bounds.Contains(state.Size[p]));
    }

    /// <summary>
    /// Joins under-minimum grid <paramref name="g"/> whole with one unlocked neighbour when the two together are within the
    /// bounds: the smaller one's atoms move into the larger (so the grid that had more households keeps its code and only the
    /// smaller one's households change grid, where dissolving would move all of g's). A neighbour that is itself under the
    /// minimum goes first (one join repairs both), then the smallest. False, with nothing changed, when none fits.
    /// </summary>
    public bool Merge(int g)
    {
        var size = state.Size[g];
        var partner = state.NeighbourGrids(g)
            .Where(h => !state.Locked[h] && state.Members[h].Count > 0 && bounds.Contains(size + state.Size[h]))
            .OrderByDescending(h => state.Size[h] < bounds.Min)
            .ThenBy(h => state.Size[h]).ThenBy(h => h)
            .Select(h => (int?)h).FirstOrDefault();
        if (partner is not { } other) return false;
        var (from, to) = state.Size[other] > size ? (g, other) : (other, g);
        foreach (var a in state.Members[from].ToList()) state.Move(a, to);
        return true;
    }

    /// <summary>
    /// Brings households back to the grid they were in where bounds allow, once every grid is repaired: an atom that left its
    /// old grid returns when both grids stay in bounds and connected, or trades places with a smaller atom of its old grid
    /// that borders its new one (a top-up of 70 households where one of 12 would do). Each step lowers the households whose
    /// grid changed and never raises a grid's distance from the bounds.
    /// </summary>
    public void Settle()
    {
        for (var pass = 0; pass < 4; pass++)
        {
            var changed = false;
            for (var a = 0; a < state.Atoms.Count; a++)
            {
                if (state.IsRider(a) || isNew(a)) continue;
                var (now, home) = (state.GridOf[a], state.Home[a]);
                if (now == home || home < 0 || state.Locked[home] || state.Locked[now] || state.Members[home].Count == 0) continue;
                if (!state.Edges(a).Any(e => state.GridOf[e.To] == home && !state.IsRider(e.To))) continue;
                // Another pass only when households came back (an empty building going home changes no count).
                changed |= ReturnHome(a, now, home) ? state.Weight[a] > 0 : TradeHome(a, now, home);
            }
            if (!changed) break;
        }
    }

    // Atom a goes back to its old grid when neither grid gets further out of bounds and the grid it leaves stays connected.
    private bool ReturnHome(int a, int now, int home)
    {
        var w = state.Weight[a];
        var bad = bounds.Violation(state.Size[now]) + bounds.Violation(state.Size[home]);
        if (bounds.Violation(state.Size[now] - w) + bounds.Violation(state.Size[home] + w) > bad || !state.ConnectedWithout(now, a)) return false;
        state.Move(a, home);
        return true;
    }

    // A trade: a smaller atom of the old grid, bordering the new one, goes the other way.
    private bool TradeHome(int a, int now, int home)
    {
        var w = state.Weight[a];
        var bad = bounds.Violation(state.Size[now]) + bounds.Violation(state.Size[home]);
        bool? leaves = null; // whether grid `now` stays connected without a: the same for every candidate (each trial is undone)
        foreach (var b in state.Members[home].Where(b => state.Weight[b] < w && state.Home[b] == home && !isNew(b)).OrderBy(b => state.Weight[b]).ToList())
        {
            var v = state.Weight[b];
            if (!state.Edges(b).Any(e => state.GridOf[e.To] == now && e.To != a && !state.IsRider(e.To))) continue;
            if (bounds.Violation(state.Size[now] - w + v) + bounds.Violation(state.Size[home] + w - v) > bad) continue;
            if (!(leaves ??= state.ConnectedWithout(now, a))) return false;
            state.Move(a, home);
            if (state.ConnectedWithout(home, b))
            {
                state.Move(b, now);
                if (state.ConnectedWithout(now, -1)) return true;
                state.Move(b, home);
            }
            state.Move(a, now);
        }
        return false;
    }

    /// <summary>
    /// Hands every atom of <paramref name="g"/> to neighbouring grids (one under the minimum first, then the one with most
    /// room), boundary inwards;
    /// false, with nothing changed, when some atom cannot reach an unlocked neighbour or the neighbours lack the room.
    /// </summary>
    public bool Dissolve(int g)
    {
        var room = 0L;
        var neighbours = new HashSet<int>();
        foreach (var a in state.Members[g])
        {
            foreach (var e in state.Edges(a))
            {
                var h = state.GridOf[e.To];
                if (h != g && h >= 0 && !state.Locked[h] && !state.IsRider(e.To)) neighbours.Add(h);
            }
        }
        foreach (var h in neighbours) room += Math.Max(0, bounds.Max - state.Size[h]);
        if (neighbours.Count == 0 || room < state.Size[g]) return false;

        var undo = new List<(int Atom, int From)>();
        while (state.Members[g].Count > 0)
        {
            var best = (Atom: -1, To: -1, Score: double.MinValue);
            foreach (var a in state.Members[g])
            {
                foreach (var e in state.Edges(a))
                {
                    var h = state.GridOf[e.To];
                    if (h == g || h < 0 || state.Locked[h] || state.IsRider(e.To)) continue;
                    // A neighbour under the minimum takes first (a dissolved grid can repair the grids around it), then the
                    // one with most room.
                    var fits = state.Size[h] + state.Weight[a] <= bounds.Max ? 1e9 : 0;
                    var needs = state.Size[h] < bounds.Min ? 1e6 : 0;
                    var score = fits + needs + (bounds.Max - state.Size[h]) + state.SharedWith(a, h) * 1e-3;
                    if (score > best.Score) best = (a, h, score);
                }
            }
            if (best.Atom < 0)
            {
                foreach (var (atom, from) in Enumerable.Reverse(undo)) state.Move(atom, from);
                return false;
            }
            undo.Add((best.Atom, g));
            state.Move(best.Atom, best.To);
        }
        return true;
    }

    private IEnumerable<(int Atom, int Other)> Candidates(int g, bool outward, long need, int? only = null, long otherLimit = -1)
    {
        if (otherLimit < 0) otherLimit = outward ? bounds.Max : bounds.Min;
        var list = new List<(int Atom, int Other, double Waste, double Shared, double Cut)>();
        var atoms = outward ? state.Members[g] : BorderAtomsOfNeighbours(g);
        foreach (var a in atoms)
        {
            var home = state.GridOf[a];
            var w = state.Weight[a];
            var shared = new Dictionary<int, double>();
            foreach (var e in state.Edges(a))
            {
                var h = state.GridOf[e.To];
                if (h == home || h < 0 || state.IsRider(e.To)) continue;
                if (outward ? h == g : h != g) continue;
                if (outward && only is { } o && h != o) continue;
                if (!outward && only is { } f && home != f) continue;
                shared[h] = shared.GetValueOrDefault(h) + e.Length;
            }
            foreach (var (other, length) in shared)
            {
                var from = outward ? g : home;
                var to = outward ? other : g;
                if (state.Locked[from] || state.Locked[to]) continue;
                // The other grid keeps to its limit; the grid being repaired never overshoots the opposite bound.
                if (outward && (state.Size[to] + w > otherLimit || state.Size[from] - w < bounds.Min)) continue;
                if (!outward && (state.Size[from] - w < otherLimit || state.Size[to] + w > bounds.Max)) continue;
                var cut = CohesionCut(a, from);
                list.Add((a, outward ? other : home, Math.Max(0, w - need), length, cut));
            }
        }
        return list
            .OrderBy(c => c.Waste)
            .ThenBy(c => isNew(c.Atom) ? 0 : 1)
            .ThenBy(c => c.Cut)
            .ThenByDescending(c => c.Shared * Math.Sqrt(state.Weight[c.Atom] + 1))
            .ThenBy(c => c.Atom)
            .Select(c => (c.Atom, c.Other));
    }

    private IEnumerable<int> BorderAtomsOfNeighbours(int g)
    {
        var result = new HashSet<int>();
        foreach (var a in state.Members[g])
        {
            foreach (var e in state.Edges(a))
            {
                var h = state.GridOf[e.To];
                if (h != g && h >= 0 && !state.IsRider(e.To)) result.Add(e.To);
            }
        }
        return result;
    }

    // Moving one stair unit away from the rest of its building, or a building away from its compound, cuts them.
    private double CohesionCut(int a, int from)
    {
        var atom = state.Atoms[a];
        var cut = 0.0;
        foreach (var e in state.Edges(a))
        {
            if (state.GridOf[e.To] != from) continue;
            var other = state.Atoms[e.To];
            if (other.BuildingId == atom.BuildingId) cut += 3;
            else if (atom.CompoundId is not null && other.CompoundId == atom.CompoundId) cut += 0.6;
        }
        return cut;
    }
}

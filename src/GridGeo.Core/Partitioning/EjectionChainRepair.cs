namespace GridGeo.Core.Partitioning;

/// <summary>
/// A bounds repair for what <see cref="LocalSearch"/> cannot fix with single moves: a grid out of bounds
/// whose neighbours are themselves full (or at the minimum), as when whole stair units of 66 households
/// leave one grid at 264 and its neighbours at 198 with 150..260 bounds. An <em>ejection chain</em> moves a
/// boundary unit from the over-full grid to a neighbour, which, if now over-full itself, passes a unit on
/// to the next grid, and so on until a grid with room takes the excess (for a grid under the minimum the
/// chain pulls units towards it instead). The chain is a depth-first search over moves, each unit moved at
/// most once per chain, trying first the neighbours closest (in grid steps) to a grid with room; a chain is kept
/// only if it lowers the zone's total violation. A unit whose removal would cut its grid in two takes the
/// cut-off part with it (a branch), so the grid it leaves stays connected; the grid it joins touches the
/// unit, so all grids stay contiguous.
/// </summary>
public sealed class EjectionChainRepair(UnitGraph g, long[] weight, HouseholdBounds bounds)
{
    /// <summary>Longest chain, in moves.</summary>
    private const int MaxDepth = 8;

    /// <summary>Units tried per step of a chain.</summary>
    private const int Branching = 4;

    /// <summary>Steps of the search per run (all chains together), so a hopeless zone costs little.</summary>
    private const int StepBudget = 1500;

    private int[] _part = [];
    private long[] _w = [];
    private HashSet<int>[] _members = [];
    private int _steps;

    /// <summary>Repairs <paramref name="part"/> (unit → grid index, -1 outside the zone) in place; returns the zone's remaining violation.</summary>
    public long Run(int[] part, List<int> zone, int gridCount)
    {
        _part = part;
        _w = new long[gridCount];
        _members = new HashSet<int>[gridCount];
        for (var i = 0; i < gridCount; i++) _members[i] = [];
        foreach (var u in zone)
        {
            _w[part[u]] += weight[u];
            _members[part[u]].Add(u);
        }
        _steps = 0;
        var improved = true;
        while (improved && Violation() > 0 && _steps <= StepBudget)
        {
            improved = false;
            for (var grid = 0; grid < gridCount; grid++)
            {
                if (bounds.Violation(_w[grid]) == 0) continue;
                var before = Violation();
                var over = _w[grid] > bounds.Max;
                var distance = DistanceToRoom(gridCount, over);
                if (Extend(grid, over, before, [], distance, 0)) improved = true;
            }
        }
        return Violation();
    }

    private long Violation() => _w.Sum(bounds.Violation);

    // One step of the chain from the active grid: move a unit out of it (over) or into it (under).
    private bool Extend(int active, bool over, long before, HashSet<int> moved, int[] distance, int depth)
    {
        if (depth >= MaxDepth || ++_steps > StepBudget) return false;
        foreach (var (u, other) in Candidates(active, over, moved, distance).ToList())
        {
            var from = over ? active : other;
            var to = over ? other : active;
            var branch = Branch(u, from);
            if (branch is null) continue;
            var households = branch.Sum(x => weight[x]);
            if (over ? _w[from] - households < bounds.Min : _w[to] + households > bounds.Max) continue;
            foreach (var x in branch) Move(x, from, to);
            if (Violation() < before) return true;
            // The chain goes on from the grid that the move pushed out of bounds, or stays if the active one is still out.
            int next;
            if (over && _w[to] > bounds.Max) next = to;
            else if (!over && _w[from] < bounds.Min) next = from;
            else next = active;
            moved.Add(u);
            if (Extend(next, over, before, moved, distance, depth + 1)) return true;
            moved.Remove(u);
            foreach (var x in branch) Move(x, to, from);
        }
        return false;
    }

    // Boundary units to move: (unit, the grid on the other side). Over: units of the active grid that it can
    // lose without dropping below Min; under: units of neighbours that the active grid can take without passing Max.
    private IEnumerable<(int Unit, int Other)> Candidates(int active, bool over, HashSet<int> moved, int[] distance)
    {
        var need = over ? _w[active] - bounds.Max : bounds.Min - _w[active];
        var found = new Dictionary<(int, int), long>();
        if (over)
        {
            foreach (var u in _members[active])
            {
                if (_w[active] - weight[u] < bounds.Min) continue;
                foreach (var e in g.Edges[u])
                {
                    var q = _part[e.To];
                    if (q >= 0 && q != active && !moved.Contains(u)) found[(u, q)] = weight[u];
                }
            }
        }
        else
        {
            foreach (var v in _members[active])
            {
                foreach (var e in g.Edges[v])
                {
                    var q = _part[e.To];
                    if (q < 0 || q == active || moved.Contains(e.To) || _members[q].Count <= 1) continue;
                    if (_w[active] + weight[e.To] > bounds.Max) continue;
                    found[(e.To, q)] = weight[e.To];
                }
            }
        }
        // A unit that covers the need in one move first, nearest the need; then grids closest to room.
        return found
            .OrderBy(kv => distance[kv.Key.Item2])
            .ThenBy(kv => kv.Value >= need ? kv.Value - need : long.MaxValue / 2 + need - kv.Value)
            .ThenBy(kv => kv.Key.Item1)
            .ThenBy(kv => kv.Key.Item2)
            .Take(Branching)
            .Select(kv => kv.Key);
    }

    // The units that leave a grid with u: u itself, plus whatever removing u would cut off from the heaviest
    // remaining part (they hang on u, so they stay connected to it). Null when nothing of the grid would remain.
    private List<int>? Branch(int u, int grid)
    {
        var members = _members[grid];
        if (members.Count <= 1) return null;
        if (g.ConnectedWithout(u, members)) return [u];
        var parts = new List<List<int>>();
        var seen = new HashSet<int> { u };
        foreach (var s in members)
        {
            if (!seen.Add(s)) continue;
            var part = new List<int> { s };
            var stack = new Stack<int>();
            stack.Push(s);
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                foreach (var e in g.Edges[x])
                {
                    if (members.Contains(e.To) && seen.Add(e.To)) { part.Add(e.To); stack.Push(e.To); }
                }
            }
            parts.Add(part);
        }
        var keep = parts.MaxBy(p => p.Sum(x => weight[x]))!;
        var branch = new List<int> { u };
        foreach (var p in parts)
        {
            if (p != keep) branch.AddRange(p);
        }
        return branch;
    }

    // Grid steps from each grid to the nearest one that can take a unit (over) or give one (under).
    private int[] DistanceToRoom(int gridCount, bool over)
    {
        var distance = new int[gridCount];
        Array.Fill(distance, int.MaxValue);
        var queue = new Queue<int>();
        for (var p = 0; p < gridCount; p++)
        {
            var room = over ? _w[p] < bounds.Max : _w[p] > bounds.Min;
            if (room) { distance[p] = 0; queue.Enqueue(p); }
        }
        var neighbours = GridNeighbours(gridCount);
        while (queue.Count > 0)
        {
            var p = queue.Dequeue();
            foreach (var q in neighbours[p])
            {
                if (distance[q] != int.MaxValue) continue;
                distance[q] = distance[p] + 1;
                queue.Enqueue(q);
            }
        }
        return distance;
    }

    private HashSet<int>[] GridNeighbours(int gridCount)
    {
        var neighbours = new HashSet<int>[gridCount];
        for (var p = 0; p < gridCount; p++) neighbours[p] = [];
        for (var p = 0; p < gridCount; p++)
        {
            foreach (var u in _members[p])
            {
                foreach (var e in g.Edges[u])
                {
                    var q = _part[e.To];
                    if (q >= 0 && q != p) neighbours[p].Add(q);
                }
            }
        }
        return neighbours;
    }

    private void Move(int u, int from, int to)
    {
        _members[from].Remove(u);
        _members[to].Add(u);
        _w[from] -= weight[u];
        _w[to] += weight[u];
        _part[u] = to;
    }
}

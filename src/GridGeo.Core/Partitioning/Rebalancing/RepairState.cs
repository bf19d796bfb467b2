namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// The working assignment of a community's atoms to grids during a rebalance: each atom's grid, each grid's members and
/// households, which grids are locked, and the moves that keep a grid connected. Atoms without a cell of their own
/// (<see cref="AtomGraph.HostOf"/>) ride with their host and never move alone.
/// </summary>
internal sealed class RepairState
{
    private readonly AtomGraph _graph;
    private readonly HashSet<int> _seen = [];
    private readonly Stack<int> _stack = new();

    public RepairState(AtomGraph graph, int[] home, IReadOnlyList<Atom> atoms, int grids, Func<int, bool> locked)
    {
        _graph = graph;
        Atoms = atoms;
        Home = home;
        GridOf = (int[])home.Clone();
        Weight = new long[atoms.Count];
        for (var a = 0; a < atoms.Count; a++)
        {
            var host = Host(a);
            Weight[host] += atoms[a].Households;
        }
        Members = [];
        Size = [];
        Locked = [];
        for (var g = 0; g < grids; g++) AddGrid(locked(g));
        for (var a = 0; a < atoms.Count; a++)
        {
            if (!IsRider(a) && GridOf[a] >= 0) { Members[GridOf[a]].Add(a); Size[GridOf[a]] += Weight[a]; }
        }
    }

    public IReadOnlyList<Atom> Atoms { get; }
    public int[] Home { get; }
    public int[] GridOf { get; }
    public long[] Weight { get; }
    public List<HashSet<int>> Members { get; }
    public List<long> Size { get; }
    public List<bool> Locked { get; }
    public int GridCount => Size.Count;

    public bool IsRider(int a) => _graph.HostOf[a] >= 0;

    public int Host(int a) => _graph.HostOf[a] >= 0 ? _graph.HostOf[a] : a;

    /// <summary>The grid of an atom, riders included.</summary>
    public int FinalGrid(int a) => GridOf[Host(a)];

    public int AddGrid(bool locked)
    {
        Members.Add([]);
        Size.Add(0);
        Locked.Add(locked);
        return Size.Count - 1;
    }

    public IEnumerable<AtomEdge> Edges(int a) => _graph.Edges[a];

    public void Move(int a, int to)
    {
        var from = GridOf[a];
        Members[from].Remove(a);
        Size[from] -= Weight[a];
        Members[to].Add(a);
        Size[to] += Weight[a];
        GridOf[a] = to;
    }

    /// <summary>True when grid <paramref name="g"/> without atom <paramref name="a"/> is still connected (and not empty).</summary>
    public bool ConnectedWithout(int g, int a)
    {
        var members = Members[g];
        var others = members.Count - (members.Contains(a) ? 1 : 0);
        if (others == 0) return false;
        var start = members.First(m => m != a);
        // a is in seen from the start so that the search never passes through it; every other atom seen is a member.
        // The sets are reused: the annealing asks this hundreds of thousands of times.
        var (seen, stack) = (_seen, _stack);
        seen.Clear();
        stack.Clear();
        seen.Add(start);
        seen.Add(a);
        stack.Push(start);
        while (stack.Count > 0)
        {
            var u = stack.Pop();
            foreach (var e in _graph.Edges[u])
            {
                if (GridOf[e.To] == g && !IsRider(e.To) && seen.Add(e.To)) stack.Push(e.To);
            }
        }
        return seen.Count - 1 == others;
    }

    /// <summary>The grids that grid <paramref name="g"/>'s atoms border, in order.</summary>
    public SortedSet<int> NeighbourGrids(int g)
    {
        var result = new SortedSet<int>();
        foreach (var a in Members[g])
        {
            foreach (var e in _graph.Edges[a])
            {
                var h = GridOf[e.To];
                if (h != g && h >= 0 && !IsRider(e.To)) result.Add(h);
            }
        }
        return result;
    }

    /// <summary>Households above the maximum or below the minimum, summed over unlocked grids that have members.</summary>
    public long Violation(HouseholdBounds bounds) => Enumerable.Range(0, GridCount)
        .Where(g => !Locked[g] && Members[g].Count > 0).Sum(g => bounds.Violation(Size[g]));

    /// <summary>Boundary length atom <paramref name="a"/> shares with grid <paramref name="g"/>.</summary>
    public double SharedWith(int a, int g) => _graph.Edges[a].Where(e => GridOf[e.To] == g).Sum(e => e.Length);
}

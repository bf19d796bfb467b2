namespace GridGeo.Core.Partitioning;

/// <summary>What an edge between two units cuts through if the units go to different grids.</summary>
public enum Cohesion : byte
{
    None = 0,
    Compound = 1,
    Building = 2,
}

/// <summary>A shared boundary between two units, its barrier class and whether cutting it splits a compound or a building.</summary>
public readonly record struct UnitEdge(int To, double Length, BarrierClass Class, Cohesion Cohesion);

/// <summary>
/// The graph the solver works on: <em>units</em> are groups of atoms that must stay in one grid at a
/// given refinement level (a compound that fits in one grid, a whole building, or a single stair unit),
/// with their households, cell area, perimeter and centroid, and their shared boundaries.
/// </summary>
public sealed class UnitGraph
{
    public required int Count { get; init; }
    public required int[][] Atoms { get; init; }
    public required long[] Weight { get; init; }
    public required double[] Area { get; init; }
    public required double[] Perimeter { get; init; }
    public required double[] X { get; init; }
    public required double[] Y { get; init; }
    public required List<UnitEdge>[] Edges { get; init; }

    /// <summary>The connected components, each a sorted list of units.</summary>
    public List<List<int>> Components()
    {
        var seen = new bool[Count];
        var result = new List<List<int>>();
        for (var s = 0; s < Count; s++)
        {
            if (seen[s]) continue;
            var comp = new List<int>();
            var stack = new Stack<int>();
            stack.Push(s);
            seen[s] = true;
            while (stack.Count > 0)
            {
                var u = stack.Pop();
                comp.Add(u);
                foreach (var e in Edges[u])
                {
                    if (!seen[e.To]) { seen[e.To] = true; stack.Push(e.To); }
                }
            }
            comp.Sort();
            result.Add(comp);
        }
        return result;
    }

    /// <summary>Whether the units of <paramref name="members"/> other than <paramref name="u"/> are connected (true when none are left).</summary>
    public bool ConnectedWithout(int u, HashSet<int> members)
    {
        var start = -1;
        var neighbours = 0;
        foreach (var e in Edges[u])
        {
            if (members.Contains(e.To)) { start = e.To; neighbours++; }
        }
        if (start < 0) return members.Count == 1;
        if (neighbours == 1) return true;
        var seen = new HashSet<int> { u, start };
        var stack = new Stack<int>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            foreach (var e in Edges[x])
            {
                if (members.Contains(e.To) && seen.Add(e.To)) stack.Push(e.To);
            }
        }
        return seen.Count == members.Count;
    }
}

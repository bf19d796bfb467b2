namespace GridGeo.Core.Partitioning;

/// <summary>
/// Cuts a connected set of units into <em>zones</em> that grids never cross: first along hard lines
/// (rivers, railways), then along major roads. A zone whose households cannot form grids in bounds on
/// its own is merged with a neighbour across the line (preferring a merge that makes the total feasible,
/// then the smaller neighbour, then the longer shared boundary), so a grid straddles a river only when
/// one side cannot stand alone, and a major road only when the bounds leave no other way.
/// </summary>
public static class ZoneBuilder
{
    /// <summary>The zones of a connected set of units, cut along hard lines and, unless <paramref name="weakest"/> is
    /// <see cref="BarrierClass.Hard"/> (or <see cref="BarrierClass.None"/>: no zones at all), along major roads.</summary>
    public static List<List<int>> Build(UnitGraph g, long[] weight, IReadOnlyList<int> units, HouseholdBounds bounds, BarrierClass weakest = BarrierClass.Major)
    {
        var zones = new List<List<int>> { units.ToList() };
        foreach (var level in new[] { BarrierClass.Hard, BarrierClass.Major })
        {
            if (weakest == BarrierClass.None || level < weakest) continue;
            var next = new List<List<int>>();
            foreach (var zone in zones) next.AddRange(Split(g, weight, zone, level, bounds));
            zones = next;
        }
        return zones;
    }

    private static List<List<int>> Split(UnitGraph g, long[] weight, List<int> zone, BarrierClass level, HouseholdBounds bounds)
    {
        var inZone = new HashSet<int>(zone);
        var label = new Dictionary<int, int>();
        var parts = new List<List<int>>();
        foreach (var s in zone)
        {
            if (label.ContainsKey(s)) continue;
            var id = parts.Count;
            var part = new List<int>();
            var stack = new Stack<int>();
            stack.Push(s);
            label[s] = id;
            while (stack.Count > 0)
            {
                var u = stack.Pop();
                part.Add(u);
                foreach (var e in g.Edges[u])
                {
                    if (e.Class >= level || !inZone.Contains(e.To) || label.ContainsKey(e.To)) continue;
                    label[e.To] = id;
                    stack.Push(e.To);
                }
            }
            parts.Add(part);
        }
        if (parts.Count == 1) return parts;

        var total = parts.Select(p => p.Sum(u => weight[u])).ToList();
        var alive = Enumerable.Range(0, parts.Count).ToHashSet();
        var owner = Enumerable.Range(0, parts.Count).ToArray();
        int Root(int x) { while (owner[x] != x) x = owner[x] = owner[owner[x]]; return x; }

        while (true)
        {
            var worst = alive.Where(p => !bounds.IsFeasible(total[p]) && total[p] >= 0)
                .OrderBy(p => total[p]).ThenBy(p => p).ToList();
            var merged = false;
            foreach (var p in worst)
            {
                var shared = new Dictionary<int, double>();
                foreach (var u in parts[p])
                {
                    foreach (var e in g.Edges[u])
                    {
                        if (!inZone.Contains(e.To)) continue;
                        var q = Root(label[e.To]);
                        if (q != p) shared[q] = shared.GetValueOrDefault(q) + e.Length;
                    }
                }
                if (shared.Count == 0) continue;
                var best = shared.Keys
                    .OrderByDescending(q => bounds.IsFeasible(total[p] + total[q]))
                    .ThenBy(q => total[q])
                    .ThenByDescending(q => shared[q])
                    .ThenBy(q => q)
                    .First();
                parts[best].AddRange(parts[p]);
                total[best] += total[p];
                owner[p] = best;
                alive.Remove(p);
                merged = true;
                break;
            }
            if (!merged) break;
        }
        return alive.OrderBy(p => p).Select(p => { parts[p].Sort(); return parts[p]; }).ToList();
    }
}

namespace GridGeo.Core.Partitioning;

/// <summary>
/// The improvement phase (after spopt max-p's local search): passes over the units on grid boundaries,
/// moving one unit to a neighbouring grid of the same zone when that lowers the
/// <see cref="PartitionObjective"/> and keeps the grid it leaves connected and non-empty. Bounds
/// violations weigh most, so the first moves repair bounds, later ones improve compactness and
/// line-following. Units are visited in a seeded random order.
/// </summary>
public sealed class LocalSearch(UnitGraph g, long[] weight, HouseholdBounds bounds, PartitionObjective objective, Random random)
{
    /// <summary>Improves <paramref name="part"/> (unit → grid index, -1 outside the zone) in place.</summary>
    public void Run(int[] part, List<int> zone, int gridCount, int passes)
    {
        if (gridCount < 2 || passes == 0) return;
        var w = new long[gridCount];
        var area = new double[gridCount];
        var per = new double[gridCount];
        var members = new List<int>[gridCount];
        for (var i = 0; i < gridCount; i++) members[i] = [];
        foreach (var u in zone)
        {
            var p = part[u];
            w[p] += weight[u];
            area[p] += g.Area[u];
            per[p] += g.Perimeter[u];
            members[p].Add(u);
        }
        foreach (var u in zone)
        {
            foreach (var e in g.Edges[u])
            {
                if (e.To > u && part[e.To] == part[u]) per[part[u]] -= 2 * e.Length;
            }
        }
        var scale = Math.Sqrt(Math.Max(1, area.Sum() / gridCount));
        var memberSet = members.Select(m => m.ToHashSet()).ToArray();
        var order = zone.ToArray();
        for (var pass = 0; pass < passes; pass++)
        {
            random.Shuffle(order);
            var moved = 0;
            foreach (var u in order)
            {
                var from = part[u];
                if (memberSet[from].Count <= 1) continue;
                double sharedFrom = 0, insideFrom = 0, cutFrom = 0;
                var targets = new Dictionary<int, (double Shared, double Inside, double Cut)>();
                foreach (var e in g.Edges[u])
                {
                    var q = part[e.To];
                    if (q < 0) continue;
                    if (q == from)
                    {
                        sharedFrom += e.Length;
                        insideFrom += objective.Inside(e, scale);
                        cutFrom += objective.Cut(e);
                    }
                    else
                    {
                        var t = targets.GetValueOrDefault(q);
                        targets[q] = (t.Shared + e.Length, t.Inside + objective.Inside(e, scale), t.Cut + objective.Cut(e));
                    }
                }
                if (targets.Count == 0) continue;
                var best = -1;
                var bestDelta = -1e-9;
                foreach (var (to, (sharedTo, insideTo, cutTo)) in targets.OrderBy(kv => kv.Key))
                {
                    var wf = w[from] - weight[u];
                    var wt = w[to] + weight[u];
                    var dBounds = objective.BoundsWeight *
                                  (bounds.Violation(wf) + bounds.Violation(wt) - bounds.Violation(w[from]) - bounds.Violation(w[to]));
                    var pf = per[from] - g.Perimeter[u] + 2 * sharedFrom;
                    var pt = per[to] + g.Perimeter[u] - 2 * sharedTo;
                    var dCompact = objective.Compactness(area[from] - g.Area[u], pf) + objective.Compactness(area[to] + g.Area[u], pt)
                                   - objective.Compactness(area[from], per[from]) - objective.Compactness(area[to], per[to]);
                    // Edges to the old grid become cut, edges to the new grid become inside.
                    var dLines = insideTo - insideFrom;
                    var dCut = cutFrom - cutTo;
                    var delta = dBounds + dCompact + dLines + dCut;
                    if (delta < bestDelta) { bestDelta = delta; best = to; }
                }
                if (best < 0 || !g.ConnectedWithout(u, memberSet[from])) continue;
                var (sTo, _, _) = targets[best];
                per[from] += -g.Perimeter[u] + 2 * sharedFrom;
                per[best] += g.Perimeter[u] - 2 * sTo;
                area[from] -= g.Area[u];
                area[best] += g.Area[u];
                w[from] -= weight[u];
                w[best] += weight[u];
                memberSet[from].Remove(u);
                memberSet[best].Add(u);
                part[u] = best;
                moved++;
            }
            if (moved == 0) break;
        }
    }
}

namespace GridGeo.Core.Partitioning;

/// <summary>
/// The construction phase: recursive spanning-tree bisection (after GerryChain's recursive tree
/// partition). A connected set of units meant for k grids is cut at one edge of a random spanning tree
/// into two connected sides for a and k − a grids (⌊k/2⌋ and ⌈k/2⌉ preferred; any a when only an uneven
/// cut is feasible, as when GerryChain peels one district off), choosing among the cuts that leave both
/// sides feasible (each side's households fit its number of grids in bounds) the one that is best balanced,
/// most compact (smallest normalised moment of inertia) and runs along a barrier. Tree edge weights
/// are centroid distances with random jitter plus a surcharge for crossing barriers, so the tree
/// crosses each road or river as seldom as possible and cutting that crossing follows the line.
/// </summary>
public sealed class TreeBisection(UnitGraph g, long[] weight, HouseholdBounds bounds, Random random, int trees)
{
    /// <summary>Bisections one construction may spend on retries, per grid it is meant to produce.</summary>
    private const int RetryBudgetPerGrid = 4;

    /// <summary>
    /// Cuts a connected set of units into k connected parts, each in bounds when the graph allows it.
    /// A side can hold a feasible total and still be impossible to cut further (a bottleneck may leave a
    /// piece of 592 households hanging off it, too many for one grid and too few for two), so a bisection
    /// whose sides cannot be cut in bounds is redrawn, with its cut chosen more freely each time, until
    /// a retry budget of <see cref="RetryBudgetPerGrid"/> bisections per grid is spent; the plan with the
    /// smallest violation is kept.
    /// </summary>
    public List<List<int>> Split(List<int> units, int k)
    {
        var budget = RetryBudgetPerGrid * Math.Max(1, k);
        return Recurse(units, k, ref budget).Parts;
    }

    private (List<List<int>> Parts, long Violation) Recurse(List<int> set, int k, ref int budget)
    {
        if (k <= 1 || set.Count <= 1) return ([set], SideViolation(set.Sum(u => weight[u]), Math.Max(1, k)));
        (List<List<int>> Parts, long Violation)? best = null;
        for (var attempt = 0; ; attempt++)
        {
            budget--;
            var (side, other, a) = Bisect(set, k, attempt == 0 ? 0 : Math.Min(1.0, 0.25 * attempt));
            if (side.Count == 0 || other.Count == 0) return best ?? ([set], SideViolation(set.Sum(u => weight[u]), k));
            var left = Recurse(side, a, ref budget);
            var right = Recurse(other, k - a, ref budget);
            var violation = left.Violation + right.Violation;
            if (best is null || violation < best.Value.Violation) best = ([.. left.Parts, .. right.Parts], violation);
            if (best.Value.Violation == 0 || budget <= 0) return best.Value;
        }
    }

    /// <summary>
    /// One cut of a set meant for k grids into two connected sides for a and k − a grids (any a, the
    /// halves preferred). <paramref name="noise"/> in 0..1 blurs the compactness and balance preferences
    /// so that a retry picks a different one of the cuts that leave both sides feasible.
    /// </summary>
    private (List<int> Side, List<int> Others, int A) Bisect(List<int> set, int k, double noise)
    {
        var total = set.Sum(u => weight[u]);
        var index = new Dictionary<int, int>(set.Count);
        for (var i = 0; i < set.Count; i++) index[set[i]] = i;

        double bestScore = double.MaxValue;
        List<int>? bestSide = null;
        var bestA = k / 2;
        // Like GerryChain, keep drawing trees until one has a cut that leaves both sides feasible
        // (its score is below the violation weight), up to ten times the usual number (three on a retry).
        var most = trees * (noise > 0 ? 3 : 10);
        for (var t = 0; t < trees || (bestScore >= 1000 && t < most); t++)
        {
            var (parentOf, order, parentClass) = RandomTree(set, index);
            var n = set.Count;
            var w = new double[n];
            var ar = new double[n];
            var ax = new double[n];
            var ay = new double[n];
            var axy = new double[n];
            for (var i = 0; i < n; i++)
            {
                var u = set[i];
                w[i] = weight[u];
                var m = Math.Max(g.Area[u], 1e-6);
                ar[i] = m;
                ax[i] = m * g.X[u];
                ay[i] = m * g.Y[u];
                axy[i] = m * (g.X[u] * g.X[u] + g.Y[u] * g.Y[u]);
            }
            for (var o = n - 1; o > 0; o--)
            {
                var i = order[o];
                var p = parentOf[i];
                w[p] += w[i]; ar[p] += ar[i]; ax[p] += ax[i]; ay[p] += ay[i]; axy[p] += axy[i];
            }
            var root = order[0];
            var bestHere = -1;
            var bestHereA = k / 2;
            var bestHereScore = double.MaxValue;
            for (var o = 1; o < n; o++)
            {
                var i = order[o];
                var sideW = (long)w[i];
                var restW = total - sideW;
                var compact = Inertia(ar[i], ax[i], ay[i], axy[i])
                              + Inertia(ar[root] - ar[i], ax[root] - ax[i], ay[root] - ay[i], axy[root] - axy[i]);
                var jitter = noise > 0 ? noise * random.NextDouble() : 0;
                // The subtree side may take any number of grids; uneven counts cost a little, so halves win ties.
                for (var mine = 1; mine < k; mine++)
                {
                    var violation = SideViolation(sideW, mine) + SideViolation(restW, k - mine);
                    if (violation > 0 && mine != k / 2 && mine != k - k / 2) continue;
                    var balance = Math.Abs(sideW - (double)total * mine / k) / Math.Max(1.0, (double)total / k);
                    var uneven = 0.05 * Math.Abs(mine - k / 2.0) / k;
                    var score = violation * 1000.0 + (1 - noise) * (compact + 0.3 * balance) + jitter + uneven - 0.08 * (int)parentClass[i];
                    if (score < bestHereScore)
                    {
                        bestHereScore = score;
                        bestHere = i;
                        bestHereA = mine;
                    }
                }
            }
            if (bestHere >= 0 && bestHereScore < bestScore)
            {
                bestScore = bestHereScore;
                bestA = bestHereA;
                bestSide = Subtree(bestHere, parentOf, order).Select(i => set[i]).ToList();
            }
        }
        if (bestSide is null) return ([], set, bestA);
        var sideSet = new HashSet<int>(bestSide);
        var rest = set.Where(u => !sideSet.Contains(u)).ToList();
        bestSide.Sort();
        return (bestSide, rest, bestA);
    }

    // How far a side of this many households is from being cut into `parts` grids in bounds.
    private long SideViolation(long households, int parts)
    {
        var lo = (long)bounds.Min * parts;
        var hi = (long)bounds.Max * parts;
        return households < lo ? lo - households : households > hi ? households - hi : 0;
    }

    // Moment of inertia about the centroid divided by area², 1/(2π) for a disc, larger for elongated shapes.
    private static double Inertia(double area, double ax, double ay, double axy)
    {
        if (area <= 0) return 0;
        var cx = ax / area;
        var cy = ay / area;
        var i = axy - area * (cx * cx + cy * cy);
        return Math.Max(0, i) / (area * area);
    }

    private (int[] ParentOf, int[] Order, BarrierClass[] ParentClass) RandomTree(List<int> set, Dictionary<int, int> index)
    {
        var n = set.Count;
        var edges = new List<(double W, int A, int B, BarrierClass C)>();
        for (var i = 0; i < n; i++)
        {
            var u = set[i];
            foreach (var e in g.Edges[u])
            {
                if (!index.TryGetValue(e.To, out var j) || j <= i) continue;
                var dx = g.X[u] - g.X[e.To];
                var dy = g.Y[u] - g.Y[e.To];
                var d = Math.Sqrt(dx * dx + dy * dy) + 1;
                var surcharge = e.Class switch { BarrierClass.Hard => 1e7, BarrierClass.Major => 1e6, BarrierClass.Soft => 3 * d, _ => 0 };
                var cohesion = e.Cohesion == Cohesion.None ? 1.0 : 0.05;
                edges.Add(((d * (0.5 + random.NextDouble()) + surcharge) * cohesion, i, j, e.Class));
            }
        }
        edges.Sort((x, y) => x.W.CompareTo(y.W));
        var uf = new int[n];
        for (var i = 0; i < n; i++) uf[i] = i;
        int Find(int x) { while (uf[x] != x) x = uf[x] = uf[uf[x]]; return x; }
        var adj = new List<(int To, BarrierClass C)>[n];
        for (var i = 0; i < n; i++) adj[i] = [];
        foreach (var (_, a, b, c) in edges)
        {
            int ra = Find(a), rb = Find(b);
            if (ra == rb) continue;
            uf[ra] = rb;
            adj[a].Add((b, c));
            adj[b].Add((a, c));
        }
        var parentOf = new int[n];
        var parentClass = new BarrierClass[n];
        var order = new int[n];
        var seen = new bool[n];
        var root = random.Next(n);
        var head = 0;
        var tail = 0;
        order[tail++] = root;
        seen[root] = true;
        parentOf[root] = -1;
        while (head < tail)
        {
            var x = order[head++];
            foreach (var (y, c) in adj[x])
            {
                if (seen[y]) continue;
                seen[y] = true;
                parentOf[y] = x;
                parentClass[y] = c;
                order[tail++] = y;
            }
        }
        // A set that is not connected (it should be) keeps its unreached units on the root's side.
        for (var i = 0; i < n; i++)
        {
            if (!seen[i]) { parentOf[i] = root; order[tail++] = i; seen[i] = true; }
        }
        return (parentOf, order, parentClass);
    }

    private static List<int> Subtree(int top, int[] parentOf, int[] order)
    {
        var inside = new HashSet<int> { top };
        var list = new List<int> { top };
        foreach (var i in order)
        {
            if (i != top && parentOf[i] >= 0 && inside.Contains(parentOf[i]))
            {
                inside.Add(i);
                list.Add(i);
            }
        }
        return list;
    }
}

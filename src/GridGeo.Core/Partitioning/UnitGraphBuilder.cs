namespace GridGeo.Core.Partitioning;

/// <summary>
/// Groups atoms into the units of a <see cref="UnitGraph"/> at a refinement level:
/// <list type="bullet">
/// <item><see cref="RefinementLevel.Compounds"/>: a compound whose households fit in one grid is one unit; buildings are whole.</item>
/// <item><see cref="RefinementLevel.CompoundsWithStairUnits"/>: such compounds are still one unit; other buildings may be split by stair unit.</item>
/// <item><see cref="RefinementLevel.Buildings"/>: compounds may be split along building lines; buildings are whole.</item>
/// <item><see cref="RefinementLevel.StairUnits"/>: buildings may be split by stair unit.</item>
/// </list>
/// Atoms are joined only along shared boundaries, so every unit's cells are connected. Edges that
/// would split a compound or a building carry that <see cref="Cohesion"/> so the objective can avoid cutting them.
/// </summary>
public static class UnitGraphBuilder
{
    public static UnitGraph Build(IReadOnlyList<Atom> atoms, AtomGraph graph, RefinementLevel level, HouseholdBounds bounds)
    {
        var n = atoms.Count;
        var parent = new int[n];
        for (var i = 0; i < n; i++) parent[i] = i;
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b); }

        for (var i = 0; i < n; i++)
        {
            if (graph.HostOf[i] >= 0) Union(i, graph.HostOf[i]);
        }
        var compoundTotal = new Dictionary<string, long>();
        var buildingTotal = new Dictionary<string, long>();
        foreach (var a in atoms)
        {
            if (a.CompoundId is not null) compoundTotal[a.CompoundId] = compoundTotal.GetValueOrDefault(a.CompoundId) + a.Households;
            buildingTotal[a.BuildingId] = buildingTotal.GetValueOrDefault(a.BuildingId) + a.Households;
        }
        for (var i = 0; i < n; i++)
        {
            foreach (var e in graph.Edges[i])
            {
                if (e.To < i) continue;
                var a = atoms[i];
                var b = atoms[e.To];
                var sameBuilding = a.BuildingId == b.BuildingId;
                // A building larger than a grid is always cut by stair unit.
                if (sameBuilding && level is RefinementLevel.Compounds or RefinementLevel.Buildings && buildingTotal[a.BuildingId] <= bounds.Max)
                    Union(i, e.To);
                else if (level is RefinementLevel.Compounds or RefinementLevel.CompoundsWithStairUnits
                         && a.CompoundId is not null && a.CompoundId == b.CompoundId && compoundTotal[a.CompoundId] <= bounds.Max)
                    Union(i, e.To);
            }
        }

        var unitOf = new int[n];
        var roots = new Dictionary<int, int>();
        var members = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            var r = Find(i);
            if (!roots.TryGetValue(r, out var u)) { u = roots[r] = members.Count; members.Add([]); }
            unitOf[i] = u;
            members[u].Add(i);
        }
        var count = members.Count;
        var weight = new long[count];
        var area = new double[count];
        var perimeter = new double[count];
        var x = new double[count];
        var y = new double[count];
        for (var i = 0; i < n; i++)
        {
            var u = unitOf[i];
            weight[u] += atoms[i].Households;
            area[u] += graph.Area[i];
            perimeter[u] += graph.Perimeter[i];
            x[u] += graph.Centroid[i].X * graph.Area[i];
            y[u] += graph.Centroid[i].Y * graph.Area[i];
        }
        var pair = new Dictionary<(int, int), (double Length, double[] ByClass, Cohesion Cohesion)>();
        for (var i = 0; i < n; i++)
        {
            foreach (var e in graph.Edges[i])
            {
                if (e.To < i) continue;
                int a = unitOf[i], b = unitOf[e.To];
                if (a == b) { perimeter[a] -= 2 * e.Length; continue; }
                var key = a < b ? (a, b) : (b, a);
                if (!pair.TryGetValue(key, out var agg)) agg = (0, new double[4], Cohesion.None);
                agg.ByClass[(int)e.Class] += e.Length;
                var cohesion = atoms[i].BuildingId == atoms[e.To].BuildingId ? Cohesion.Building
                    : atoms[i].CompoundId is not null && atoms[i].CompoundId == atoms[e.To].CompoundId ? Cohesion.Compound
                    : Cohesion.None;
                pair[key] = (agg.Length + e.Length, agg.ByClass, (Cohesion)Math.Max((byte)agg.Cohesion, (byte)cohesion));
            }
        }
        var edges = new List<UnitEdge>[count];
        for (var u = 0; u < count; u++) edges[u] = [];
        foreach (var ((a, b), agg) in pair.OrderBy(kv => kv.Key))
        {
            var cls = (BarrierClass)Array.IndexOf(agg.ByClass, agg.ByClass.Max());
            edges[a].Add(new UnitEdge(b, agg.Length, cls, agg.Cohesion));
            edges[b].Add(new UnitEdge(a, agg.Length, cls, agg.Cohesion));
        }
        for (var u = 0; u < count; u++)
        {
            if (area[u] > 0) { x[u] /= area[u]; y[u] /= area[u]; }
            else
            {
                x[u] = members[u].Average(i => atoms[i].Location.X);
                y[u] = members[u].Average(i => atoms[i].Location.Y);
            }
            perimeter[u] = Math.Max(0, perimeter[u]);
        }
        return new UnitGraph
        {
            Count = count, Atoms = members.Select(m => m.ToArray()).ToArray(), Weight = weight, Area = area, Perimeter = perimeter,
            X = x, Y = y, Edges = edges,
        };
    }
}

/// <summary>
/// How finely atoms may be separated. The solver tries them from coarsest to finest: <see cref="Compounds"/>,
/// <see cref="CompoundsWithStairUnits"/> (rule 5 keeps a compound of at most Max households whole before it
/// keeps a building whole), <see cref="Buildings"/>, <see cref="StairUnits"/>. The values are stable names
/// (they seed the random draws), not the order.
/// </summary>
public enum RefinementLevel
{
    Compounds = 0,
    Buildings = 1,
    StairUnits = 2,
    CompoundsWithStairUnits = 3,
}

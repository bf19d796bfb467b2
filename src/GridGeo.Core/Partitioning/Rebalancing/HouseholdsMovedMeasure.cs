using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// How many households a new plan moved relative to an old one, measured the same way for any two plans: each new grid is
/// matched to the old grid that gave it most households, and the households of a new grid that came from any other old
/// grid are counted as moved. Members are matched by name (<c>id</c> or <c>id#unit</c>), else by building id; a whole
/// building the old plan listed by stair unit is shared among its units' old grids (by units); households of members that
/// were in no old grid (new buildings) are not moves.
/// </summary>
public static class HouseholdsMovedMeasure
{
    /// <param name="householdsOf">households of a member name in the new plan</param>
    public static long Count(IReadOnlyList<Grid> before, IReadOnlyList<Grid> after, Func<string, int> householdsOf)
    {
        var oldGridOf = OldGrids(before);
        long moved = 0;
        foreach (var g in after)
        {
            var given = Given(g, oldGridOf, householdsOf);
            if (given.Count == 0) continue;
            moved += given.Values.Sum() - given.Values.Max();
        }
        return moved;
    }

    /// <summary>
    /// The same count when each old grid continues in at most one new grid: old and new grids of a community are paired by
    /// an assignment that keeps the most households (Hungarian method), and every household not in the new grid paired with
    /// its old grid has moved. Where <see cref="Count"/> lets two halves of a split grid both count as the old grid (so a split
    /// moves nobody), here the half without the old grid's continuation has moved, as its households got a new grid.
    /// </summary>
    public static long CountOneToOne(IReadOnlyList<Grid> before, IReadOnlyList<Grid> after, Func<string, int> householdsOf)
    {
        var oldGridOf = OldGrids(before);
        long moved = 0;
        foreach (var community in after.GroupBy(g => g.CommunityCode))
        {
            var given = community.Select(g => Given(g, oldGridOf, householdsOf)).ToList();
            var olds = given.SelectMany(x => x.Keys).Distinct(StringComparer.Ordinal).ToList();
            var weight = new long[given.Count, olds.Count];
            for (var i = 0; i < given.Count; i++)
            for (var j = 0; j < olds.Count; j++)
                weight[i, j] = given[i].GetValueOrDefault(olds[j]);
            moved += given.Sum(x => x.Values.Sum()) - MaxAssignment(weight);
        }
        return moved;
    }

    /// <summary>
    /// The old grids of a member name with the share of its households each held: by name (<c>id</c> or <c>id#unit</c>);
    /// a whole building the old plan listed by stair unit, shared among its units' grids by units; else by building id;
    /// empty for a new building.
    /// </summary>
    private static Func<string, IReadOnlyList<(string Grid, double Share)>> OldGrids(IReadOnlyList<Grid> before)
    {
        var oldOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var unitsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var g in before)
        {
            foreach (var m in g.Buildings)
            {
                oldOf[m] = g.Code;
                var building = m.Split('#')[0];
                if (!unitsOf.TryGetValue(building, out var grids)) unitsOf[building] = grids = [];
                grids.Add(g.Code);
            }
        }
        return m =>
        {
            if (oldOf.TryGetValue(m, out var grid)) return [(grid, 1.0)];
            var building = m.Split('#')[0];
            if (!unitsOf.TryGetValue(building, out var grids)) return [];
            // A stair unit of a building listed whole goes with the building; a whole building listed by units is shared.
            if (m.Contains('#')) return [(grids[0], 1.0)];
            return grids.GroupBy(x => x, StringComparer.Ordinal).Select(x => (x.Key, (double)x.Count() / grids.Count)).ToList();
        };
    }

    /// <summary>The households new grid <paramref name="g"/> holds from each old grid (new buildings are no one's).</summary>
    private static Dictionary<string, long> Given(Grid g, Func<string, IReadOnlyList<(string Grid, double Share)>> oldGridOf, Func<string, int> householdsOf)
    {
        var given = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var m in g.Buildings)
        {
            var shares = oldGridOf(m);
            if (shares.Count == 0) continue;
            var households = householdsOf(m);
            long left = households;
            for (var i = 0; i < shares.Count; i++)
            {
                // Whole households: the last share takes what rounding left.
                var part = i == shares.Count - 1 ? left : (long)Math.Round(households * shares[i].Share);
                left -= part;
                given[shares[i].Grid] = given.GetValueOrDefault(shares[i].Grid) + part;
            }
        }
        return given;
    }

    /// <summary>The largest total weight of a one-to-one pairing of rows and columns (Hungarian method, O(n³)).</summary>
    internal static long MaxAssignment(long[,] weight)
    {
        var rows = weight.GetLength(0);
        var cols = weight.GetLength(1);
        var n = Math.Max(rows, cols);
        if (n == 0) return 0;
        long max = 0;
        foreach (var w in weight) max = Math.Max(max, w);
        // Minimum-cost assignment on cost = max - weight (padded square), potentials u, v; p[j] = row matched to column j.
        long Cost(int i, int j) => i < rows && j < cols ? max - weight[i, j] : max;
        var u = new long[n + 1];
        var v = new long[n + 1];
        var p = new int[n + 1];
        var way = new int[n + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minv = new long[n + 1];
            Array.Fill(minv, long.MaxValue);
            var used = new bool[n + 1];
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = long.MaxValue;
                var j1 = 0;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j]) continue;
                    var cur = Cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (var j = 0; j <= n; j++)
                {
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            }
            while (p[j0] != 0);
            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        long total = 0;
        for (var j = 1; j <= n; j++)
        {
            if (p[j] >= 1 && p[j] <= rows && j <= cols) total += weight[p[j] - 1, j - 1];
        }
        return total;
    }

    /// <summary>Households of each member name of a plan, from its buildings (a stair unit gets its share of the building).</summary>
    public static Func<string, int> MemberHouseholds(IReadOnlyList<Grid> plan, IReadOnlyList<Building> buildings)
    {
        var byId = buildings.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var perMember = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in plan.SelectMany(g => g.Buildings))
        {
            var parts = m.Split('#');
            if (!byId.TryGetValue(parts[0], out var b)) continue;
            if (parts.Length == 1) { perMember[m] = b.Households; continue; }
            perMember[m] = b.UnitHouseholds(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        return m => perMember.GetValueOrDefault(m);
    }
}

using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// How many households a new plan moved relative to an old one, measured the same way for any two plans: each new grid is
/// matched to the old grid that gave it most households, and the households of a new grid that came from any other old
/// grid are counted as moved. Members are matched by name (<c>id</c> or <c>id#unit</c>), else by building id; households
/// of members that were in no old grid (new buildings) are not moves.
/// </summary>
public static class HouseholdsMovedMeasure
{
    /// <param name="householdsOf">households of a member name in the new plan</param>
    public static long Count(IReadOnlyList<Grid> before, IReadOnlyList<Grid> after, Func<string, int> householdsOf)
    {
        var oldOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var oldOfBuilding = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in before)
        {
            foreach (var m in g.Buildings)
            {
                oldOf[m] = g.Code;
                oldOfBuilding.TryAdd(m.Split('#')[0], g.Code);
            }
        }
        long moved = 0;
        foreach (var g in after)
        {
            var given = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var m in g.Buildings)
            {
                var from = oldOf.GetValueOrDefault(m) ?? oldOfBuilding.GetValueOrDefault(m.Split('#')[0]);
                if (from is null) continue;
                given[from] = given.GetValueOrDefault(from) + householdsOf(m);
            }
            if (given.Count == 0) continue;
            moved += given.Values.Sum() - given.Values.Max();
        }
        return moved;
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
            var n = Math.Max(1, b.Units);
            var u = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            perMember[m] = b.Households / n + (u <= b.Households % n ? 1 : 0);
        }
        return m => perMember.GetValueOrDefault(m);
    }
}

using GridGeo.Core.Model;

namespace GridGeo.Core.Coverage;

/// <summary>
/// Checks a grid plan drawn outside the engine (a planner's file from QGIS) against the rules every plan keeps:
/// each grid names a stored community; the grids of each community tile it with no gap, no overlap and nothing
/// outside (<see cref="GridCoverageValidator"/>);
/// each grid is one polygon save for whole exclaves; and every household of those communities is listed by exactly
/// one grid, through its building (<c>"id"</c>) or stair unit (<c>"id#unit"</c>). Returns every problem found,
/// none when the plan is sound.
/// </summary>
public static class PlanImportValidator
{
    /// <summary>Gap, overlap and outside pieces smaller than this (m²) are rounding slivers, not faults.</summary>
    public const double DefaultMinAreaM2 = 1.0;

    /// <param name="stored">The stored communities the grids name, with their buildings and households.</param>
    /// <param name="grids">The plan's grids.</param>
    /// <param name="minAreaM2">The smallest gap, overlap or outside piece reported.</param>
    /// <param name="parallelism">Communities checked at once.</param>
    public static IReadOnlyList<PlanProblem> Validate(DistrictBundle stored, IReadOnlyList<Grid> grids, double minAreaM2 = DefaultMinAreaM2,
        int parallelism = 1)
    {
        var problems = new List<PlanProblem>();
        var communities = stored.Communities.ToDictionary(c => c.Code);
        foreach (var g in grids.Where(g => !g.Code.StartsWith(g.CommunityCode, StringComparison.Ordinal)))
            problems.Add(new PlanProblem(PlanRules.CodeCommunity, $"grid {g.Code} names community {g.CommunityCode} but its code does not start with it",
                g.Code, CommunityCode: g.CommunityCode));
        foreach (var g in grids.Where(g => !communities.ContainsKey(g.CommunityCode)))
        {
            var p = g.Boundary.InteriorPoint;
            problems.Add(new PlanProblem(PlanRules.UnknownCommunity, $"grid {g.Code} names community {g.CommunityCode}, which is not stored",
                g.Code, CommunityCode: g.CommunityCode, Lon: p.X, Lat: p.Y));
        }

        var byCommunity = grids.Where(g => communities.ContainsKey(g.CommunityCode)).GroupBy(g => g.CommunityCode)
            .Select(x => (Community: communities[x.Key], Grids: (IReadOnlyList<Grid>)x.ToList())).ToList();
        var coverage = new IReadOnlyList<PlanProblem>[byCommunity.Count];
        Parallel.For(0, byCommunity.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var (community, own) = byCommunity[i];
            // Edges that do not match exactly and vertices off the 7-decimal grid are repaired by the plan gate afterwards.
            coverage[i] = GridCoverageValidator.Validate(community, own, requireGridPrecision: false, maxAreaM2: minAreaM2)
                .Where(p => p.Rule != PlanRules.CoverageEdges).ToList();
        });
        foreach (var c in coverage) problems.AddRange(c);

        var covered = byCommunity.Select(x => x.Community.Code).ToHashSet();
        problems.AddRange(HouseholdProblems(stored, grids.Where(g => covered.Contains(g.CommunityCode)).ToList(), covered));
        return problems;
    }

    /// <summary>The households of <paramref name="stored"/> that <paramref name="grid"/> lists through its buildings and stair units.</summary>
    public static int CountHouseholds(DistrictBundle stored, Grid grid)
    {
        var households = (stored.Households ?? []).ToLookup(h => h.BuildingId);
        var count = 0;
        foreach (var member in grid.Buildings)
        {
            var hash = member.IndexOf('#');
            if (hash < 0) count += households[member].Count();
            else if (int.TryParse(member[(hash + 1)..], out var unit)) count += households[member[..hash]].Count(h => h.Unit == unit);
        }
        return count;
    }

    private static IEnumerable<PlanProblem> HouseholdProblems(DistrictBundle stored, IReadOnlyList<Grid> grids, HashSet<string> communities)
    {
        var buildings = stored.Buildings.Where(b => b.CommunityCode is not null && communities.Contains(b.CommunityCode)).ToDictionary(b => b.Id);
        var households = (stored.Households ?? []).Where(h => buildings.ContainsKey(h.BuildingId)).ToLookup(h => h.BuildingId);
        var gridOf = new Dictionary<string, string>();
        var twice = new Dictionary<(string Building, string First, string Second), List<string>>();
        foreach (var g in grids)
        {
            foreach (var member in g.Buildings)
            {
                var hash = member.IndexOf('#');
                var id = hash < 0 ? member : member[..hash];
                int? unit = hash >= 0 && int.TryParse(member[(hash + 1)..], out var u) ? u : null;
                if (!buildings.ContainsKey(id) || (hash >= 0 && unit is null))
                {
                    yield return new PlanProblem(PlanRules.UnknownBuilding,
                        $"grid {g.Code} lists \"{member}\", which is not a stored building (or stair unit) of community {g.CommunityCode}",
                        g.Code, CommunityCode: g.CommunityCode, BuildingId: member);
                    continue;
                }
                foreach (var h in households[id].Where(h => unit is null || h.Unit == unit))
                {
                    if (gridOf.TryAdd(h.Id, g.Code)) continue;
                    var key = (id, gridOf[h.Id], g.Code);
                    if (!twice.TryGetValue(key, out var list)) twice[key] = list = [];
                    list.Add(h.Id);
                }
            }
        }
        foreach (var ((building, first, second), ids) in twice)
        {
            var b = buildings[building];
            yield return new PlanProblem(PlanRules.HouseholdTwice,
                $"{ids.Count} household(s) of building {building} are listed by both grid {first} and grid {second}",
                first, second, b.CommunityCode, b.Location.X, b.Location.Y, HouseholdIds: ids, BuildingId: building);
        }
        foreach (var b in buildings.Values.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            var left = households[b.Id].Where(h => !gridOf.ContainsKey(h.Id)).Select(h => h.Id).ToList();
            if (left.Count == 0) continue;
            yield return new PlanProblem(PlanRules.HouseholdLeftOut,
                $"{left.Count} household(s) of building {b.Id} in community {b.CommunityCode} are in no grid",
                CommunityCode: b.CommunityCode, Lon: b.Location.X, Lat: b.Location.Y, HouseholdIds: left, BuildingId: b.Id);
        }
    }
}

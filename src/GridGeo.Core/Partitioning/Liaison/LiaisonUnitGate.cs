using GridGeo.Core.Coverage;
using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// The gate liaison units pass before they are written (a file, a plan's units, an edit's re-planned units): within each
/// grid, every unit is a valid Polygon (or a MultiPolygon whose parts lie in different pieces of the grid) on the 1e-7° grid,
/// and the units tile the grid with no gap, overlap or part outside above <see cref="GridCoverageValidator.MaxAreaM2"/> m²,
/// neighbours sharing identical edges — the grid gate's rules (<see cref="GridCoverageValidator.ValidateTiling"/>) with the
/// grid standing for the community. A unit naming a grid not in the plan, or without an outline, is a problem too.
/// </summary>
public static class LiaisonUnitGate
{
    /// <summary>The problems of <paramref name="units"/> against <paramref name="grids"/>; none when they are sound.</summary>
    public static List<PlanProblem> Validate(IReadOnlyList<Grid> grids, IReadOnlyList<LiaisonUnit> units, int parallelism = 1)
    {
        var byGrid = units.ToLookup(u => u.GridCode, StringComparer.Ordinal);
        var withUnits = grids.Where(g => byGrid.Contains(g.Code)).ToList();
        var results = new List<PlanProblem>[withUnits.Count];
        Parallel.For(0, withUnits.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var grid = withUnits[i];
            var shapes = byGrid[grid.Code].Select(u => (u.Code, u.Boundary ?? Geo.GridPrecision.Factory.CreatePolygon())).ToList();
            results[i] = GridCoverageValidator.ValidateTiling(TilingTerms.LiaisonUnits, grid.Code, grid.Boundary, shapes);
        });
        var problems = results.SelectMany(r => r).ToList();
        var known = grids.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var u in units.Where(u => !known.Contains(u.GridCode)))
            problems.Add(new PlanProblem(PlanRules.UnknownCommunity, $"liaison unit {u.Code} names grid {u.GridCode}, which is not in the plan",
                u.Code, CommunityCode: u.GridCode));
        return problems;
    }

    /// <summary>Throws a <see cref="PlanGateException"/> naming the units and rules when <see cref="Validate"/> finds a problem.</summary>
    public static void Check(IReadOnlyList<Grid> grids, IReadOnlyList<LiaisonUnit> units, int parallelism = 1)
    {
        var problems = Validate(grids, units, parallelism);
        if (problems.Count > 0) throw new PlanGateException(problems, TilingTerms.LiaisonUnits);
    }
}

using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Coverage;

/// <summary>
/// Figures of how exactly the grids of each community tile it (rule 1 of the partition: no gap, no overlap, nothing
/// outside) and whether each grid is one piece except for whole exclaves (rule 2), measured on the community's
/// <see cref="FaceCoverage"/> — the same faces and the same definition as <see cref="GridCoverageValidator"/>, which
/// locates each fault. Used by tests and the benchmarks.
/// </summary>
public static class GridCoverageChecker
{
    public static IReadOnlyList<CommunityCoverage> Check(IReadOnlyList<Community> communities, IReadOnlyList<Grid> grids, int parallelism = 1)
    {
        var byCommunity = grids.ToLookup(g => g.CommunityCode);
        var result = new CommunityCoverage[communities.Count];
        Parallel.For(0, communities.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            i => result[i] = CheckOne(communities[i], byCommunity[communities[i].Code].ToList()));
        return result;
    }

    public static CommunityCoverage CheckOne(Community community, IReadOnlyList<Grid> grids)
    {
        var fc = FaceCoverage.Build(community.Boundary, grids.Select(g => g.Boundary).ToList());
        var along = GridCoverageValidator.AlongCommunityLine(community.Boundary, fc);
        double area = 0, gap = 0, overlap = 0, outside = 0;
        for (var i = 0; i < fc.Faces.Count; i++)
        {
            var owners = fc.ShapesOf[i].Count;
            if (fc.InCommunity[i]) area += fc.AreaM2[i];
            if (fc.InCommunity[i] && owners == 0 && !along(i)) gap += fc.AreaM2[i];
            if (!fc.InCommunity[i] && owners > 0 && !along(i)) outside += fc.AreaM2[i];
            if (owners > 1) overlap += (owners - 1) * fc.AreaM2[i];
        }
        var invalid = grids.Count(g => g.Boundary is not (Polygon or MultiPolygon) || !g.Boundary.IsValid);
        var multi = grids.Count(g => g.Boundary.NumGeometries > 1);
        var problems = GridCoverageValidator.Validate(community, grids, requireGridPrecision: false);
        var splitInside = problems.Count(p => p.Rule == PlanRules.OnePolygon);
        return new CommunityCoverage(community.Code, grids.Count, area, gap, overlap, outside, multi, splitInside, invalid);
    }
}

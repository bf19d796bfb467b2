using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace GridGeo.Core.Coverage;

/// <summary>
/// Checks that the grids of each community tile it exactly (rule 1 of the partition: no gap, no overlap,
/// nothing outside, measured in m² in the community's <see cref="LocalMetricProjection"/>) and that each
/// grid is one piece except for whole exclaves (rule 2). Used by tests and the benchmark.
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
        var projection = LocalMetricProjection.Around(community.Boundary);
        var pm = LocalMetricProjection.MetricPrecision;
        var f = LocalMetricProjection.MetricFactory;
        var c = projection.ToMetric(community.Boundary);
        if (!c.IsValid) c = c.Buffer(0);
        var shapes = grids.Select(g => projection.ToMetric(g.Boundary)).ToList();
        var invalid = shapes.Count(s => !s.IsValid);
        if (shapes.Count == 0) return new CommunityCoverage(community.Code, 0, c.Area, c.Area, 0, 0, 0, 0, 0);
        var union = UnaryUnionNG.Union(f.BuildGeometry(shapes), pm);
        var gap = OverlayNG.Overlay(c, union, SpatialFunction.Difference, pm).Area;
        var outside = OverlayNG.Overlay(union, c, SpatialFunction.Difference, pm).Area;
        var overlap = Math.Max(0, shapes.Sum(s => s.Area) - union.Area);

        var pieces = Enumerable.Range(0, c.NumGeometries).Select(i => c.GetGeometryN(i)).ToList();
        var multi = 0;
        var splitInside = 0;
        foreach (var s in shapes.Where(s => s.NumGeometries > 1))
        {
            multi++;
            var used = new HashSet<int>();
            for (var p = 0; p < s.NumGeometries; p++)
            {
                var part = s.GetGeometryN(p);
                var probe = part.InteriorPoint;
                var piece = pieces.FindIndex(x => x.Covers(probe));
                if (piece >= 0 && !used.Add(piece)) { splitInside++; break; }
            }
        }
        return new CommunityCoverage(community.Code, grids.Count, c.Area, gap, overlap, outside, multi, splitInside, invalid);
    }
}

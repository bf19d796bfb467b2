using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace GridGeo.Core.Coverage;

/// <summary>
/// Locates where the grids of one community fail to tile it: every gap, every overlap between two grids, every
/// part outside the community, every invalid geometry and every grid split into parts that are not whole pieces
/// of the community. Areas are measured in the community's <see cref="LocalMetricProjection"/>; pieces under
/// <c>minAreaM2</c> (slivers from rounding) are not reported. Each problem carries a WGS84 point inside its area.
/// </summary>
public static class CoverageProblemFinder
{
    public static IReadOnlyList<PlanProblem> Find(Community community, IReadOnlyList<Grid> grids, double minAreaM2)
    {
        var problems = new List<PlanProblem>();
        var projection = LocalMetricProjection.Around(community.Boundary);
        var pm = LocalMetricProjection.MetricPrecision;
        var area = Valid(projection.ToMetric(community.Boundary));
        var pieces = Enumerable.Range(0, area.NumGeometries).Select(area.GetGeometryN).ToList();

        var shapes = new List<(Grid Grid, Geometry Metric)>();
        foreach (var g in grids)
        {
            var metric = projection.ToMetric(g.Boundary);
            var validity = new IsValidOp(g.Boundary).ValidationError;
            if (validity is not null)
            {
                problems.Add(new PlanProblem(PlanRules.InvalidGeometry, $"grid {g.Code}: {validity.Message} at {validity.Coordinate}",
                    g.Code, CommunityCode: community.Code, Lon: validity.Coordinate.X, Lat: validity.Coordinate.Y));
                metric = Valid(metric);
            }
            shapes.Add((g, metric));
            problems.AddRange(SplitParts(community, g, metric, pieces, projection));
            foreach (var part in Parts(OverlayNG.Overlay(metric, area, SpatialFunction.Difference, pm), minAreaM2))
                problems.Add(At(projection, part, PlanRules.OutsideCommunity, community.Code, g.Code, null,
                    $"grid {g.Code} has {part.Area:F1} m² outside community {community.Code}"));
        }

        var index = new STRtree<int>();
        for (var i = 0; i < shapes.Count; i++) index.Insert(shapes[i].Metric.EnvelopeInternal, i);
        for (var i = 0; i < shapes.Count; i++)
        {
            foreach (var j in index.Query(shapes[i].Metric.EnvelopeInternal).Where(j => j > i).Order())
            {
                if (!shapes[i].Metric.Intersects(shapes[j].Metric)) continue;
                var (a, b) = (shapes[i].Grid.Code, shapes[j].Grid.Code);
                foreach (var part in Parts(OverlayNG.Overlay(shapes[i].Metric, shapes[j].Metric, SpatialFunction.Intersection, pm), minAreaM2))
                    problems.Add(At(projection, part, PlanRules.Overlap, community.Code, a, b, $"grids {a} and {b} overlap by {part.Area:F1} m²"));
            }
        }

        var union = shapes.Count == 0 ? area.Factory.CreatePolygon() : UnaryUnionNG.Union(area.Factory.BuildGeometry(shapes.Select(s => s.Metric)), pm);
        foreach (var part in Parts(OverlayNG.Overlay(area, union, SpatialFunction.Difference, pm), minAreaM2))
            problems.Add(At(projection, part, PlanRules.Gap, community.Code, null, null,
                $"{part.Area:F1} m² of community {community.Code} is covered by no grid"));
        return problems;
    }

    /// <summary>Parts of a MultiPolygon grid must each be a separate piece of the community: two parts in one piece break the one-polygon rule.</summary>
    private static IEnumerable<PlanProblem> SplitParts(Community community, Grid g, Geometry metric, List<Geometry> pieces, LocalMetricProjection projection)
    {
        if (metric.NumGeometries < 2) yield break;
        var used = new HashSet<int>();
        for (var p = 0; p < metric.NumGeometries; p++)
        {
            var part = metric.GetGeometryN(p);
            var piece = pieces.FindIndex(x => x.Covers(part.InteriorPoint));
            if (piece < 0 || used.Add(piece)) continue;
            yield return At(projection, part, PlanRules.OnePolygon, community.Code, g.Code, null,
                $"grid {g.Code} has {metric.NumGeometries} parts and two of them lie in the same piece of community {community.Code}; " +
                "a grid is one polygon unless it takes in a whole exclave");
            yield break;
        }
    }

    private static PlanProblem At(LocalMetricProjection projection, Geometry metricPart, string rule, string community, string? grid, string? other, string message)
    {
        var p = metricPart.InteriorPoint.Coordinate;
        var lonLat = projection.Inverse(p.X, p.Y);
        return new PlanProblem(rule, message, grid, other, community, Math.Round(lonLat.X, 7), Math.Round(lonLat.Y, 7), Math.Round(metricPart.Area, 1));
    }

    private static IEnumerable<Geometry> Parts(Geometry g, double minAreaM2) =>
        Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).Where(p => p is Polygon && p.Area >= minAreaM2);

    private static Geometry Valid(Geometry g) => g.IsValid ? g : g.Buffer(0);
}

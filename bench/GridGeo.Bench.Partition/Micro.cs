using System.Diagnostics;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;

static class Micro
{
    public static void Run(DistrictBundle bundle)
    {
        var c = bundle.Communities.First(x => x.Code == "990100001009");
        var proj = LocalMetricProjection.Around(c.Boundary);
        var area = proj.ToMetric(c.Boundary);
        var f = LocalMetricProjection.MetricFactory;
        var lines = bundle.BarrierList.Where(b => b.Line.EnvelopeInternal.Intersects(c.Boundary.EnvelopeInternal)).Select(b => proj.ToMetric(b.Line)).ToList();
        Console.WriteLine($"lines {lines.Count} vertices {lines.Sum(l => l.NumPoints)} area vertices {area.NumPoints}");
        for (var rep = 0; rep < 3; rep++)
        {
            var sw = Stopwatch.StartNew();
            var all = f.BuildGeometry(lines);
            var clipped = OverlayNGRobust.Overlay(all, area, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
            var t1 = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var clippedF = OverlayNG.Overlay(all, area, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection, new PrecisionModel());
            var t1b = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var noded = OverlayNGRobust.Union(f.BuildGeometry(new List<Geometry> { area.Boundary, clipped }));
            var t2 = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var pz = new Polygonizer(false); pz.Add(noded); var polys = pz.GetPolygons();
            var t3 = sw.Elapsed.TotalMilliseconds; sw.Restart();
            var bb = new BlockBuilder(area, lines.Select(l => (l, BarrierClass.Soft)));
            var t4 = sw.Elapsed.TotalMilliseconds; sw.Restart();
            Console.WriteLine($"clip {t1:F0} clipFloat {t1b:F0} node {t2:F0} polygonize {t3:F0} ({polys.Count}) blockbuilder {t4:F0} ms");
        }
    }
}

using GridGeo.Rendering.Map;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace GridGeo.Rendering.Tests.Support;

/// <summary>
/// Checks that a polygon's outline is drawn where its coordinates fall: points every few points along its exterior
/// (projected with the page's own frame) must have dark ink within a small radius, and points a few points inside
/// must mostly not (so a page dark all over does not pass).
/// </summary>
public static class OutlineProbe
{
    public sealed record Result(int Samples, int Inked, int InsideSamples, int InsideInked)
    {
        public double InkedShare => Samples == 0 ? 0 : (double)Inked / Samples;
        public double InsideInkedShare => InsideSamples == 0 ? 0 : (double)InsideInked / InsideSamples;
    }

    public static Result Check(Pixels pixels, ConformalFrame frame, Geometry boundary, IReadOnlyList<SKRect> hidden,
        Func<SKColor, bool> ink, float step = 12, float radius = 1.6f, float inset = 5)
    {
        var polygon = (Polygon)(boundary is MultiPolygon mp ? mp.GetGeometryN(0) : boundary);
        var ring = polygon.ExteriorRing.Coordinates.Select(frame.ToPage).ToArray();
        var onPage = new Polygon(new LinearRing(ring.Select(p => new Coordinate(p.X, p.Y)).ToArray()));
        int samples = 0, inked = 0, insideSamples = 0, insideInked = 0;
        for (var i = 0; i + 1 < ring.Length; i++)
        {
            var a = ring[i];
            var b = ring[i + 1];
            var length = SKPoint.Distance(a, b);
            if (length < 2 * step) continue;
            var normal = new SKPoint(-(b.Y - a.Y) / length, (b.X - a.X) / length);
            for (var t = step; t < length - step; t += step)
            {
                var p = new SKPoint(a.X + (b.X - a.X) * t / length, a.Y + (b.Y - a.Y) * t / length);
                if (!frame.Target.Contains(p) || hidden.Any(h => SKRect.Inflate(h, inset + 2, inset + 2).Contains(p))) continue;
                samples++;
                if (pixels.AnyNear(p, radius, ink)) inked++;
                // The side of the edge that lies inside the polygon.
                var inward = new SKPoint(p.X + normal.X * inset, p.Y + normal.Y * inset);
                if (!onPage.Contains(new Point(inward.X, inward.Y))) inward = new SKPoint(p.X - normal.X * inset, p.Y - normal.Y * inset);
                insideSamples++;
                if (ink(pixels.At(inward.X, inward.Y))) insideInked++;
            }
        }
        return new Result(samples, inked, insideSamples, insideInked);
    }
}

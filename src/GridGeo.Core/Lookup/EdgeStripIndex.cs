using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Lookup;

/// <summary>
/// Point-in-area location for one Polygon or MultiPolygon: every ring edge is filed into the horizontal strips
/// its y-range touches, and a point is located by counting crossings of a ray to the right against the edges of
/// its strip only. The crossing rules are those of NTS <see cref="RayCrossingCounter"/> (a point on an edge or
/// vertex is on the boundary), with a floating-point filter before the robust orientation test. Parity over all
/// rings of all parts is correct for valid (Multi)Polygons, whose parts do not overlap.
/// Immutable after construction; safe for concurrent reads.
/// </summary>
internal sealed class EdgeStripIndex
{
    private const int EdgeStride = 4;
    private readonly double _minX, _minY, _maxX, _maxY, _stripsPerUnit;
    private readonly int _strips;
    private readonly int[] _stripStart;
    private readonly double[] _edges;

    public EdgeStripIndex(Geometry area)
    {
        var env = area.EnvelopeInternal;
        (_minX, _minY, _maxX, _maxY) = (env.MinX, env.MinY, env.MaxX, env.MaxY);
        var segments = new List<(double X1, double Y1, double X2, double Y2)>();
        for (var p = 0; p < area.NumGeometries; p++)
        {
            var polygon = (Polygon)area.GetGeometryN(p);
            AddRing(segments, polygon.Shell);
            foreach (var hole in polygon.Holes) AddRing(segments, hole);
        }
        EdgeCount = segments.Count;
        _strips = Math.Clamp(segments.Count, 1, 2048);
        var height = _maxY - _minY;
        _stripsPerUnit = height > 0 ? _strips / height : 0;

        var counts = new int[_strips + 1];
        foreach (var s in segments)
            for (int k = StripOf(Math.Min(s.Y1, s.Y2)), end = StripOf(Math.Max(s.Y1, s.Y2)); k <= end; k++) counts[k + 1]++;
        for (var k = 0; k < _strips; k++) counts[k + 1] += counts[k];
        _stripStart = (int[])counts.Clone();
        _edges = new double[counts[_strips] * EdgeStride];
        foreach (var s in segments)
            for (int k = StripOf(Math.Min(s.Y1, s.Y2)), end = StripOf(Math.Max(s.Y1, s.Y2)); k <= end; k++)
            {
                var at = counts[k]++ * EdgeStride;
                _edges[at] = s.X1; _edges[at + 1] = s.Y1; _edges[at + 2] = s.X2; _edges[at + 3] = s.Y2;
            }
    }

    /// <summary>The number of ring edges of the area.</summary>
    public int EdgeCount { get; }

    /// <summary>True when the point is in the interior or on the boundary of the area.</summary>
    public bool Covers(double x, double y) => Locate(x, y) != Location.Exterior;

    /// <summary>Interior, Boundary or Exterior.</summary>
    public Location Locate(double x, double y)
    {
        if (!(x >= _minX && x <= _maxX && y >= _minY && y <= _maxY)) return Location.Exterior;
        var strip = StripOf(y);
        var crossings = 0;
        var edges = _edges;
        for (int i = _stripStart[strip] * EdgeStride, end = _stripStart[strip + 1] * EdgeStride; i < end; i += EdgeStride)
        {
            double x1 = edges[i], y1 = edges[i + 1], x2 = edges[i + 2], y2 = edges[i + 3];
            if (x1 < x && x2 < x) continue;
            if (x == x2 && y == y2) return Location.Boundary;
            if (y1 == y && y2 == y)
            {
                if (x >= Math.Min(x1, x2) && x <= Math.Max(x1, x2)) return Location.Boundary;
                continue;
            }
            if ((y1 > y && y2 <= y) || (y2 > y && y1 <= y))
            {
                var orient = OrientationIndex(x1, y1, x2, y2, x, y);
                if (orient == 0) return Location.Boundary;
                if (y2 < y1) orient = -orient;
                if (orient > 0) crossings++;
            }
        }
        return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
    }

    private int StripOf(double y) => Math.Clamp((int)((y - _minY) * _stripsPerUnit), 0, _strips - 1);

    private static void AddRing(List<(double, double, double, double)> segments, LineString ring)
    {
        var seq = ring.CoordinateSequence;
        for (var i = 1; i < seq.Count; i++)
        {
            double x1 = seq.GetX(i - 1), y1 = seq.GetY(i - 1), x2 = seq.GetX(i), y2 = seq.GetY(i);
            if (x1 == x2 && y1 == y2) continue;
            segments.Add((x1, y1, x2, y2));
        }
    }

    /// <summary>
    /// The orientation of (x, y) relative to the segment: 1 left, −1 right, 0 collinear. A double-precision
    /// determinant decides when it is clear of its rounding error (Shewchuk's filter, as NTS uses); otherwise
    /// NTS's double-double arithmetic decides.
    /// </summary>
    private static int OrientationIndex(double x1, double y1, double x2, double y2, double x, double y)
    {
        var detLeft = (x1 - x) * (y2 - y);
        var detRight = (y1 - y) * (x2 - x);
        var det = detLeft - detRight;
        double detSum;
        if (detLeft > 0)
        {
            if (detRight <= 0) return Math.Sign(det);
            detSum = detLeft + detRight;
        }
        else if (detLeft < 0)
        {
            if (detRight >= 0) return Math.Sign(det);
            detSum = -detLeft - detRight;
        }
        else return Math.Sign(det);
        var errBound = 1e-15 * detSum;
        if (det >= errBound || -det >= errBound) return Math.Sign(det);
        return (int)Orientation.Index(new Coordinate(x1, y1), new Coordinate(x2, y2), new Coordinate(x, y));
    }
}

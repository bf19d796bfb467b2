using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace GridGeo.Core.Generation;

/// <summary>
/// Keeps generated buildings and blocks off barrier lines: every line segment carries the distance
/// (metres) that must stay free on each side of it. District-wide lines sit in an STR-tree; the few
/// lines of the community being filled are checked directly.
/// </summary>
internal sealed class BarrierClearance
{
    private readonly record struct Segment(LineSegment Line, double KeepOff);

    private readonly STRtree<Segment> _district = new();
    private readonly List<Segment> _local = [];
    private double _maxKeepOff;

    public void AddDistrictLine(Coordinate[] line, double keepOff)
    {
        for (var i = 0; i + 1 < line.Length; i++)
        {
            var s = new LineSegment(line[i], line[i + 1]);
            _district.Insert(new Envelope(s.P0, s.P1), new Segment(s, keepOff));
        }
        _maxKeepOff = Math.Max(_maxKeepOff, keepOff);
    }

    /// <summary>Lines of the community now being filled; <see cref="ClearLocal"/> forgets them.</summary>
    public void AddLocalLine(Coordinate[] line, double keepOff)
    {
        for (var i = 0; i + 1 < line.Length; i++) _local.Add(new Segment(new LineSegment(line[i], line[i + 1]), keepOff));
    }

    public void ClearLocal() => _local.Clear();

    public bool IsClear(Coordinate p)
    {
        foreach (var s in _local)
            if (s.Line.Distance(p) < s.KeepOff) return false;
        var env = new Envelope(p);
        env.ExpandBy(_maxKeepOff);
        foreach (var s in _district.Query(env))
            if (s.Line.Distance(p) < s.KeepOff) return false;
        return true;
    }

    /// <summary>True when no barrier crosses <paramref name="area"/> or comes closer than its keep-off distance.</summary>
    public bool IsClear(Polygon area)
    {
        var ring = area.ExteriorRing.Coordinates;
        foreach (var s in _local)
            if (TooClose(s, ring, area)) return false;
        var env = new Envelope(area.EnvelopeInternal);
        env.ExpandBy(_maxKeepOff);
        foreach (var s in _district.Query(env))
            if (TooClose(s, ring, area)) return false;
        return true;
    }

    private static bool TooClose(Segment s, Coordinate[] ring, Polygon area)
    {
        for (var i = 0; i + 1 < ring.Length; i++)
            if (s.Line.Distance(new LineSegment(ring[i], ring[i + 1])) < s.KeepOff) return true;
        // A segment wholly inside the area is far from its sides but still on the ground it covers.
        return area.EnvelopeInternal.Contains(s.Line.P0) && area.Contains(area.Factory.CreatePoint(s.Line.P0));
    }
}

using GridGeo.Core.Geo;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// A block (路块): a face of the area to tile cut by the barrier lines (roads, rivers, railways, walls),
/// in metres. Blocks tile the area exactly and neighbouring blocks share identical boundary vertices.
/// </summary>
public sealed record Block(int Index, Polygon Shape);

/// <summary>
/// Cuts an area into <see cref="Block"/>s along barrier lines (noded with snap-rounding on the metric
/// precision grid, then polygonized) and answers which barrier class a boundary segment lies on.
/// </summary>
public sealed class BlockBuilder
{
    private const double OnLineTolerance = 1e-4;
    private readonly STRtree<(LineSegment Segment, BarrierClass Class)> _barrierSegments = new();
    private readonly bool _hasBarriers;

    public IReadOnlyList<Block> Blocks { get; }

    /// <param name="area">the area to tile (metric)</param>
    /// <param name="barriers">barrier lines already in metres, with their class</param>
    public BlockBuilder(Geometry area, IEnumerable<(Geometry Line, BarrierClass Class)> barriers)
    {
        var f = LocalMetricProjection.MetricFactory;
        var lines = new List<Geometry> { area.Boundary };
        var near = new List<Geometry>();
        var areaEnv = area.EnvelopeInternal;
        foreach (var (line, cls) in barriers)
        {
            if (!line.EnvelopeInternal.Intersects(areaEnv)) continue;
            near.Add(line);
            for (var g = 0; g < line.NumGeometries; g++)
            {
                if (line.GetGeometryN(g) is not LineString ls) continue;
                var cs = ls.CoordinateSequence;
                for (var i = 0; i + 1 < cs.Count; i++)
                {
                    var seg = new LineSegment(cs.GetCoordinate(i), cs.GetCoordinate(i + 1));
                    var env = new Envelope(seg.P0, seg.P1);
                    if (!env.Intersects(areaEnv)) continue;
                    _barrierSegments.Insert(env, (seg, cls));
                    _hasBarriers = true;
                }
            }
        }
        // Lines are noded together with the area's boundary in one union (no separate clip); faces
        // outside the area are dropped below.
        lines.AddRange(near);
        if (_hasBarriers) _barrierSegments.Build();

        var blocks = new List<Block>();
        if (lines.Count == 1)
        {
            for (var i = 0; i < area.NumGeometries; i++)
                if (area.GetGeometryN(i) is Polygon p && !p.IsEmpty) blocks.Add(new Block(blocks.Count, p));
        }
        else
        {
            var noded = OverlayNGRobust.Union(f.BuildGeometry(lines));
            var polygonizer = new Polygonizer(extractOnlyPolygonal: false);
            polygonizer.Add(noded);
            var inside = new IndexedPointInAreaLocator(area);
            foreach (var g in polygonizer.GetPolygons())
            {
                if (g is not Polygon p || !p.EnvelopeInternal.Intersects(areaEnv) || p.Area <= 0) continue;
                var probe = p.InteriorPoint.Coordinate;
                if (inside.Locate(probe) != Location.Interior) continue;
                blocks.Add(new Block(blocks.Count, p));
            }
        }
        Blocks = blocks;
    }

    /// <summary>The strongest barrier the segment lies on (<see cref="BarrierClass.None"/> when none).</summary>
    public BarrierClass ClassOf(Coordinate a, Coordinate b)
    {
        if (!_hasBarriers) return BarrierClass.None;
        var mid = new Coordinate((a.X + b.X) / 2, (a.Y + b.Y) / 2);
        var env = new Envelope(mid);
        env.ExpandBy(OnLineTolerance);
        var best = BarrierClass.None;
        foreach (var (seg, cls) in _barrierSegments.Query(env))
        {
            if (cls > best && seg.Distance(mid) <= OnLineTolerance) best = cls;
        }
        return best;
    }
}

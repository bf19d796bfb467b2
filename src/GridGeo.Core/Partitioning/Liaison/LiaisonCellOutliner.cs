using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// Outlines liaison units as the union of their buildings' Voronoi cells within the grid: the cells of the
/// grid's building locations tile the grid, so the units' outlines tile it too (units that share a
/// building, such as the floors of one tower, share its cell). Cells are built in local metres.
/// </summary>
internal sealed class LiaisonCellOutliner
{
    private static readonly GeometryFactory Metric = new(new PrecisionModel(), 0);
    private static readonly PrecisionModel Millimetres = new(1000);

    private readonly LocalMetres _metres;
    private readonly Geometry _grid;
    private readonly IPreparedGeometry _prepared;
    private readonly Polygon[] _cellOfBuilding;
    private readonly Geometry?[] _clipped;
    private readonly Envelope _box;

    /// <param name="grid">The grid polygon (WGS84).</param>
    /// <param name="sites">The location, in <paramref name="metres"/>, of each building of the grid by its rank.</param>
    public LiaisonCellOutliner(Geometry grid, LocalMetres metres, IReadOnlyList<(double X, double Y)> sites)
    {
        _metres = metres;
        _grid = metres.Project(grid, Metric);
        _prepared = PreparedGeometryFactory.Prepare(_grid);
        _cellOfBuilding = new Polygon[sites.Count];
        _clipped = new Geometry?[sites.Count];
        _box = _grid.EnvelopeInternal;

        var envelope = new Envelope(_grid.EnvelopeInternal);
        foreach (var (x, y) in sites) envelope.ExpandToInclude(x, y);
        envelope.ExpandBy(Math.Max(envelope.Width, envelope.Height) * 0.1 + 10);
        var distinct = sites.Select(s => new Coordinate(s.X, s.Y)).Distinct().ToList();
        var cells = new Dictionary<Coordinate, Polygon>();
        if (distinct.Count == 1)
        {
            cells[distinct[0]] = (Polygon)Metric.ToGeometry(envelope);
        }
        else
        {
            // Unclipped cells: the builder's own clipping uses floating overlay, which fails on the
            // near-degenerate cells of sites on a lattice; the grid clip below is snap-rounded instead.
            var builder = new VoronoiDiagramBuilder { ClipEnvelope = envelope };
            builder.SetSites(distinct);
            foreach (var g in builder.GetSubdivision().GetVoronoiCellPolygons(Metric))
            {
                if (g is Polygon p && p.UserData is Coordinate site) cells[site] = p;
            }
        }
        for (var b = 0; b < sites.Count; b++)
            _cellOfBuilding[b] = cells.TryGetValue(new Coordinate(sites[b].X, sites[b].Y), out var cell) ? cell : Metric.CreatePolygon();
    }

    /// <summary>The union of the cells of <paramref name="buildings"/> (ranks) clipped to the grid, in WGS84; empty when it misses the grid.</summary>
    public Geometry Outline(IEnumerable<int> buildings)
    {
        var cells = buildings.Distinct().Select(ClippedCell).Where(c => !c.IsEmpty).ToArray();
        if (cells.Length == 0) return GeoFactory.Wgs84.CreatePolygon();
        // Snap-rounding to millimetres: Voronoi vertices carry round-off (1e-31 beside 0) that floating
        // overlay can trip over; a fixed precision noder cannot.
        var union = cells.Length == 1 ? cells[0] : UnaryUnionNG.Union(Metric.BuildGeometry(cells), Millimetres);
        return _metres.Unproject(union, GeoFactory.Wgs84);
    }

    /// <summary>A building's cell within the grid (metres), computed once: cut to the grid's box, then to the grid where it reaches outside.</summary>
    private Geometry ClippedCell(int building)
    {
        if (_clipped[building] is { } done) return done;
        var cell = _cellOfBuilding[building];
        Geometry result;
        if (cell.IsEmpty) result = cell;
        else
        {
            var boxed = ClipToBox(cell.ExteriorRing.Coordinates, _box);
            if (boxed.Count < 3) result = Metric.CreatePolygon();
            else
            {
                boxed.Add(boxed[0]);
                var convex = Metric.CreatePolygon(boxed.ToArray());
                result = _prepared.Contains(convex)
                    ? convex
                    : LiaisonUnitShaper.Polygonal(OverlayNG.Overlay(convex, _grid, SpatialFunction.Intersection, Millimetres), Metric);
            }
        }
        _clipped[building] = result;
        return result;
    }

    /// <summary>Sutherland–Hodgman: a convex ring cut to an axis-aligned box (open ring out, no repeated end).</summary>
    private static List<Coordinate> ClipToBox(Coordinate[] ring, Envelope box)
    {
        var points = ring.Take(ring.Length - 1).ToList();
        foreach (var (axis, bound, keepAbove) in new[] { (0, box.MinX, true), (0, box.MaxX, false), (1, box.MinY, true), (1, box.MaxY, false) })
        {
            if (points.Count == 0) break;
            var input = points;
            points = new List<Coordinate>(input.Count + 2);
            bool Inside(Coordinate c) => keepAbove ? (axis == 0 ? c.X : c.Y) >= bound : (axis == 0 ? c.X : c.Y) <= bound;
            for (var i = 0; i < input.Count; i++)
            {
                var cur = input[i];
                var prev = input[(i + input.Count - 1) % input.Count];
                var (ci, pi) = (Inside(cur), Inside(prev));
                if (ci != pi)
                {
                    var (a, b) = axis == 0 ? (prev.X, cur.X) : (prev.Y, cur.Y);
                    var t = (bound - a) / (b - a);
                    points.Add(axis == 0
                        ? new Coordinate(bound, prev.Y + t * (cur.Y - prev.Y))
                        : new Coordinate(prev.X + t * (cur.X - prev.X), bound));
                }
                if (ci) points.Add(cur);
            }
        }
        return points;
    }
}

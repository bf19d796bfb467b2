using GridGeo.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// The outline a map shows for a liaison unit: the convex hull of its members' locations, widened by a
/// few metres (so a single building or a row of houses still has an area), clipped to its grid. Also
/// measures the unit's spread: the largest distance between two members, in metres.
/// </summary>
internal sealed class LiaisonUnitShaper
{
    private static readonly GeometryFactory Metric = new(new PrecisionModel(), 0);

    private readonly Geometry _grid;
    private readonly IPreparedGeometry _prepared;
    private readonly LocalMetres _metres;
    private readonly double _buffer;

    public LiaisonUnitShaper(Geometry grid, LocalMetres metres, double bufferMetres)
    {
        _grid = grid;
        _prepared = PreparedGeometryFactory.Prepare(grid);
        _metres = metres;
        _buffer = Math.Max(bufferMetres, 1.0);
    }

    /// <summary>Whether the last unit's members stood wholly outside the grid, so its outline is the nearest part of the grid.</summary>
    public bool LastOutsideGrid { get; private set; }

    /// <summary>
    /// The spread of the members at <paramref name="lonLat"/> and, when <paramref name="withOutline"/>, their
    /// outline (WGS84 Polygon or MultiPolygon).
    /// </summary>
    public (Geometry? Outline, double SpreadMetres) Shape(IReadOnlyList<(double Lon, double Lat)> lonLat, bool withOutline = true)
    {
        var points = new HashSet<(double, double)>();
        var coords = new List<Coordinate>(lonLat.Count);
        foreach (var (lon, lat) in lonLat)
        {
            if (points.Add((lon, lat))) coords.Add(new Coordinate(_metres.X(lon), _metres.Y(lat)));
        }
        var hull = new ConvexHull(coords.ToArray(), Metric).GetConvexHull().Coordinates;
        var spread = Diameter(hull);
        LastOutsideGrid = false;
        if (!withOutline) return (null, spread);

        // The hull widened by a disc is the hull of the disc placed on each corner (Minkowski sum);
        // a 12-gon disc keeps this far cheaper than a general buffer.
        var widened = new Coordinate[hull.Length * Disc.Length];
        var n = 0;
        foreach (var c in hull)
        {
            foreach (var (dx, dy) in Disc) widened[n++] = new Coordinate(_metres.Lon(c.X + _buffer * dx), _metres.Lat(c.Y + _buffer * dy));
        }
        var outline = new ConvexHull(widened, GeoFactory.Wgs84).GetConvexHull();

        if (_prepared.Contains(outline)) return (outline, spread);
        var clipped = Polygonal(OverlayNGRobust.Overlay(outline, _grid, SpatialFunction.Intersection));
        if (!clipped.IsEmpty) return (clipped, spread);

        // Members listed in the grid but standing outside it (a stair unit of a building the plan split):
        // show the part of the grid nearest to them rather than an outline outside the grid.
        LastOutsideGrid = true;
        var reach = outline.Distance(_grid) * 1.5 + 1e-5;
        var nearest = Polygonal(OverlayNGRobust.Overlay(outline.Buffer(reach, 4), _grid, SpatialFunction.Intersection));
        return (nearest.IsEmpty ? outline : nearest, spread);
    }

    private static readonly (double Dx, double Dy)[] Disc =
        Enumerable.Range(0, 12).Select(i => (Math.Cos(i * Math.PI / 6), Math.Sin(i * Math.PI / 6))).ToArray();

    private static double Diameter(Coordinate[] hull)
    {
        var best = 0.0;
        for (var i = 0; i < hull.Length; i++)
        {
            for (var j = i + 1; j < hull.Length; j++)
            {
                var d = hull[i].Distance(hull[j]);
                if (d > best) best = d;
            }
        }
        return best;
    }

    private static Geometry Polygonal(Geometry g) => Polygonal(g, GeoFactory.Wgs84);

    /// <summary>The polygons of an overlay result, as one Polygon or MultiPolygon (empty when there are none).</summary>
    internal static Geometry Polygonal(Geometry g, GeometryFactory factory)
    {
        if (g is Polygon or MultiPolygon) return g;
        var polys = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is Polygon p && !p.IsEmpty) polys.Add(p);
        }
        return polys.Count switch
        {
            0 => factory.CreatePolygon(),
            1 => polys[0],
            _ => factory.CreateMultiPolygon(polys.ToArray()),
        };
    }
}

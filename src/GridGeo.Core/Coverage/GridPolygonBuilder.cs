using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace GridGeo.Core.Coverage;

/// <summary>
/// A grid's polygon: the union of its atoms' cells, in metres. The cells form an exact coverage
/// (see <c>PieceNoder</c>), so a coverage union dissolves them in linear time; should a result not be a
/// valid polygon of the cells' total area, the robust OverlayNG union is used instead. One Polygon when the cells are connected; a MultiPolygon only when the
/// grid takes in a separate piece (an exclave).
/// </summary>
public static class GridPolygonBuilder
{
    public static Geometry Union(IReadOnlyCollection<Polygon> cells)
    {
        var f = LocalMetricProjection.MetricFactory;
        if (cells.Count == 0) return f.CreatePolygon();
        if (cells.Count == 1) return cells.First();
        var all = f.BuildGeometry(cells.Cast<Geometry>().ToList());
        var expected = cells.Sum(c => c.Area);
        try
        {
            var union = Polygonal(CoverageUnion.Union(all), f);
            if (union.IsValid && Math.Abs(union.Area - expected) <= 1e-6 * Math.Max(1, expected)) return union;
        }
        catch (Exception ex) when (ex is TopologyException or ArgumentException or InvalidOperationException)
        {
            // Not an exact coverage after all: fall through to the general union.
        }
        return Polygonal(OverlayNGRobust.Union(all), f);
    }

    /// <summary>Keeps only the polygonal parts of an overlay result, as a Polygon or MultiPolygon.</summary>
    public static Geometry Polygonal(Geometry g, GeometryFactory f)
    {
        if (g is Polygon or MultiPolygon) return g;
        var polys = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            var part = g.GetGeometryN(i);
            if (part is Polygon p && !p.IsEmpty) polys.Add(p);
            else if (part is MultiPolygon mp) for (var j = 0; j < mp.NumGeometries; j++) polys.Add((Polygon)mp.GetGeometryN(j));
        }
        return polys.Count == 1 ? polys[0] : f.CreateMultiPolygon(polys.ToArray());
    }
}

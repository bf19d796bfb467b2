using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace GridGeo.Core.Coverage;

/// <summary>
/// A grid's polygon: the union of its atoms' cells, in metres, computed with OverlayNG snap-rounding on
/// the metric precision grid so that cells meeting along a barrier with slightly different vertices
/// dissolve without slivers. One Polygon when the cells are connected; a MultiPolygon only when the
/// grid takes in a separate piece (an exclave).
/// </summary>
public static class GridPolygonBuilder
{
    public static Geometry Union(IReadOnlyCollection<Polygon> cells)
    {
        var f = LocalMetricProjection.MetricFactory;
        if (cells.Count == 0) return f.CreatePolygon();
        if (cells.Count == 1) return cells.First();
        var union = UnaryUnionNG.Union(f.BuildGeometry(cells.Cast<Geometry>().ToList()), LocalMetricProjection.MetricPrecision);
        return Polygonal(union, f);
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

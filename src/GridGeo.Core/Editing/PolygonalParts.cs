using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace GridGeo.Core.Editing;

/// <summary>
/// Overlay helpers for edits in WGS84: results keep only polygonal parts larger than a noise area (slivers that
/// floating-point overlay leaves along shared edges), as a Polygon when one part remains.
/// </summary>
public static class PolygonalParts
{
    public static Geometry Union(IEnumerable<Geometry> shapes, double minArea) =>
        Clean(OverlayNGRobust.Union(GeoFactory.Wgs84.BuildGeometry(shapes.ToList())), minArea);

    public static Geometry Intersection(Geometry a, Geometry b, double minArea) =>
        Clean(OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection), minArea);

    public static Geometry Difference(Geometry a, Geometry b, double minArea) =>
        Clean(OverlayNGRobust.Overlay(a, b, SpatialFunction.Difference), minArea);

    /// <summary>The polygons of <paramref name="g"/> with area above <paramref name="minArea"/>: a Polygon, a MultiPolygon or an empty Polygon.</summary>
    public static Geometry Clean(Geometry g, double minArea)
    {
        var parts = Parts(g).Where(p => p.Area > minArea).ToArray();
        var f = GeoFactory.Wgs84;
        var result = parts.Length switch
        {
            0 => f.CreatePolygon(),
            1 => (Geometry)parts[0],
            _ => f.CreateMultiPolygon(parts),
        };
        result.SRID = GeoFactory.Wgs84Srid;
        return result;
    }

    public static IEnumerable<Polygon> Parts(Geometry g)
    {
        for (var i = 0; i < g.NumGeometries; i++)
        {
            switch (g.GetGeometryN(i))
            {
                case Polygon p when !p.IsEmpty:
                    yield return p;
                    break;
                case GeometryCollection c:
                    foreach (var p in Parts(c)) yield return p;
                    break;
            }
        }
    }

    /// <summary>Length (degrees) of the boundary two polygonal geometries share; 0 when they touch at points or not at all.</summary>
    public static double SharedBoundary(Geometry a, Geometry b)
    {
        if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal)) return 0;
        return OverlayNGRobust.Overlay(a.Boundary, b.Boundary, SpatialFunction.Intersection).Length;
    }
}

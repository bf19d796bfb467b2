using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace GridGeo.Core.Coverage;

/// <summary>
/// The few true overlays left where no face coverage stands for them (a drawn polygon clipped to its community, a stand-in
/// community from stored grids): NTS <see cref="OverlayNG"/> at <see cref="GridPrecision"/> (snap-rounding, so the result
/// lies on the 1e-7° grid and is valid) in strict mode (a polygonal result is polygons only: no collapsed lines or points).
/// </summary>
public static class GridOverlay
{
    /// <summary>The part of <paramref name="a"/> inside <paramref name="b"/>: a Polygon, a MultiPolygon or an empty Polygon.</summary>
    public static Geometry Intersection(Geometry a, Geometry b) => Overlay(a, b, SpatialFunction.Intersection);

    /// <summary>The part of <paramref name="a"/> outside <paramref name="b"/>.</summary>
    public static Geometry Difference(Geometry a, Geometry b) => Overlay(a, b, SpatialFunction.Difference);

    /// <summary>The union of <paramref name="shapes"/>.</summary>
    public static Geometry Union(IEnumerable<Geometry> shapes)
    {
        var all = GeoFactory.Wgs84.BuildGeometry(shapes.Where(s => !s.IsEmpty).ToList());
        return all.IsEmpty ? GridPrecision.Factory.CreatePolygon() : FaceCoverage.Polygonal(UnaryUnionNG.Union(all, GridPrecision.Model));
    }

    private static Geometry Overlay(Geometry a, Geometry b, SpatialFunction op)
    {
        var overlay = new OverlayNG(a, b, GridPrecision.Model, op) { StrictMode = true };
        return FaceCoverage.Polygonal(overlay.GetResult());
    }
}

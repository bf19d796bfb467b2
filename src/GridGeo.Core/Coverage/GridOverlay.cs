using GridGeo.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.Polygonize;
using NGOverlay = NetTopologySuite.Operation.OverlayNG.OverlayNG;

namespace GridGeo.Core.Coverage;

/// <summary>
/// The few true overlays left beside the face coverage (a dedicated area ∩ its community, the community minus its dedicated
/// areas, the union of a grid's cells), all in one engine: NTS OverlayNG with a fixed precision model, so the noder is
/// snap-rounding and every result is validly rounded to that model, in strict mode, so polygonal inputs give polygonal
/// results only (a collapsed sliver is dropped, never returned as a line or point). Results are a Polygon or a MultiPolygon,
/// empty when nothing is left. No code path repairs geometry with <c>Buffer(0)</c>: an invalid input is made valid by
/// <see cref="Valid"/>, which keeps the area its rings enclose by the even–odd rule, noded on the same precision model.
/// </summary>
public static class GridOverlay
{
    /// <summary>The part of <paramref name="a"/> inside <paramref name="b"/>, on the 1e-7° grid (<see cref="GridPrecision"/>).</summary>
    public static Geometry Intersection(Geometry a, Geometry b) => Intersection(a, b, GridPrecision.Model);

    /// <summary>The union of lon/lat <paramref name="shapes"/> on the 1e-7° grid (<see cref="GridPrecision"/>).</summary>
    public static Geometry Union(IEnumerable<Geometry> shapes) => Union(shapes.ToList(), GridPrecision.Factory);

    public static Geometry Intersection(Geometry a, Geometry b, PrecisionModel pm) => Overlay(a, b, SpatialFunction.Intersection, pm);

    public static Geometry Difference(Geometry a, Geometry b, PrecisionModel pm) => Overlay(a, b, SpatialFunction.Difference, pm);

    /// <summary>The union of <paramref name="shapes"/> (valid polygons, which may overlap): strict unions, pairwise in a balanced tree.</summary>
    public static Geometry Union(IReadOnlyCollection<Geometry> shapes, GeometryFactory f)
    {
        var level = shapes.Where(s => !s.IsEmpty).ToList();
        if (level.Count == 0) return f.CreatePolygon();
        while (level.Count > 1)
        {
            var next = new List<Geometry>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
                next.Add(i + 1 < level.Count ? Overlay(level[i], level[i + 1], SpatialFunction.Union, f.PrecisionModel) : level[i]);
            level = next;
        }
        return level[0];
    }

    /// <summary>
    /// The union of cells that form an exact coverage (shared edges identical on both sides): a coverage union, in linear
    /// time; when the cells are not an exact coverage after all (the result is not a valid polygon of their total area),
    /// the strict overlay union. One Polygon when the cells are connected, else a MultiPolygon.
    /// </summary>
    public static Geometry UnionCells(IReadOnlyCollection<Polygon> cells, GeometryFactory f)
    {
        if (cells.Count == 0) return f.CreatePolygon();
        if (cells.Count == 1) return cells.First();
        var expected = cells.Sum(c => c.Area);
        try
        {
            var union = NetTopologySuite.Operation.OverlayNG.CoverageUnion.Union(f.BuildGeometry(cells.Cast<Geometry>().ToList()));
            if (union is Polygon or MultiPolygon && union.IsValid && Math.Abs(union.Area - expected) <= 1e-6 * Math.Max(1, expected)) return union;
        }
        catch (Exception ex) when (ex is TopologyException or ArgumentException or InvalidOperationException)
        {
            // Not an exact coverage: the strict overlay union below nodes the cells.
        }
        return Union(cells, f);
    }

    /// <summary>
    /// <paramref name="g"/> when it is valid; otherwise the area its rings enclose, each polygon by the even–odd rule (a
    /// bow-tie keeps both loops, a ring crossing a hole leaves the part inside the hole out), polygons together by union.
    /// The rings are noded in one snap-rounding overlay on the factory's precision model and polygonized; the faces inside
    /// are dissolved by a coverage union. Used where an outline that was valid on the sphere becomes invalid on a coarser
    /// grid (a community boundary taken to metres or to 1e-7°).
    /// </summary>
    public static Geometry Valid(Geometry g, GeometryFactory f)
    {
        if (g.IsEmpty || g.IsValid) return g;
        var rings = new List<Geometry>();
        var parts = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is not Polygon p || p.IsEmpty) continue;
            parts.Add(p);
            rings.Add(f.CreateLineString(p.ExteriorRing.Coordinates));
            rings.AddRange(p.InteriorRings.Select(h => (Geometry)f.CreateLineString(h.Coordinates)));
        }
        if (rings.Count == 0) return f.CreatePolygon();
        var noded = NetTopologySuite.Operation.OverlayNG.UnaryUnionNG.Union(f.BuildGeometry(rings), f.PrecisionModel);
        var polygonizer = new Polygonizer(extractOnlyPolygonal: false);
        polygonizer.Add(noded);
        var inside = polygonizer.GetPolygons().OfType<Polygon>()
            .Where(face => !face.IsEmpty && face.Area > 0 && parts.Any(p => InsideEvenOdd(face.InteriorPoint.Coordinate, p)))
            .ToList();
        return UnionCells(inside, f);
    }

    /// <summary>True when a ray from <paramref name="c"/> crosses the rings of <paramref name="p"/> an odd number of times.</summary>
    private static bool InsideEvenOdd(Coordinate c, Polygon p)
    {
        var crossings = 0;
        foreach (var ring in new[] { p.ExteriorRing }.Concat(p.InteriorRings))
        {
            var counter = new RayCrossingCounter(c);
            var cs = ring.CoordinateSequence;
            for (var i = 1; i < cs.Count; i++)
            {
                counter.CountSegment(cs.GetCoordinate(i - 1), cs.GetCoordinate(i));
                if (counter.IsOnSegment) return false;
            }
            if (counter.Location == Location.Interior) crossings++;
        }
        return crossings % 2 == 1;
    }

    private static Geometry Overlay(Geometry a, Geometry b, SpatialFunction op, PrecisionModel pm)
    {
        // Strict mode makes the result homogeneous: no line or point left by a collapse beside the polygons. Where there is
        // no area at all (two grids touching along an edge) it is the lower-dimension result, which holds no area here.
        var result = new NGOverlay(a, b, pm, op) { StrictMode = true }.GetResult();
        return result is Polygon or MultiPolygon ? result : a.Factory.CreatePolygon();
    }
}

using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;

namespace GridGeo.Core.Geo;

/// <summary>
/// The one precision model of every grid and liaison-unit outline that leaves Core: WGS84 lon/lat on a fixed grid of
/// 1e-7 degrees (the contract's 7 decimals, about 1 cm). Outlines are snapped onto it once, inside the noder
/// (<see cref="FaceCoverageBuilder"/>'s snap-rounding overlay), never rounded afterwards; a coordinate already on this grid
/// is written with at most 7 decimals without loss, so a plan written and read back is the same plan.
/// </summary>
public static class GridPrecision
{
    /// <summary>Units per degree: 1e7.</summary>
    public const double Scale = 1e7;

    /// <summary>The fixed precision model (1e-7°).</summary>
    public static readonly PrecisionModel Model = new(Scale);

    /// <summary>SRID 4326 with <see cref="Model"/>.</summary>
    public static readonly GeometryFactory Factory =
        NtsGeometryServices.Instance.CreateGeometryFactory(Model, GeoFactory.Wgs84Srid);

    /// <summary>True when every coordinate of <paramref name="g"/> lies on the 1e-7° grid.</summary>
    public static bool IsOnGrid(Geometry g)
    {
        foreach (var c in g.Coordinates)
        {
            if (Model.MakePrecise(c.X) != c.X || Model.MakePrecise(c.Y) != c.Y) return false;
        }
        return true;
    }

    /// <summary>The first coordinate of <paramref name="g"/> off the 1e-7° grid, or null.</summary>
    public static Coordinate? FirstOffGrid(Geometry g) =>
        g.Coordinates.FirstOrDefault(c => Model.MakePrecise(c.X) != c.X || Model.MakePrecise(c.Y) != c.Y);

    /// <summary>
    /// A polygonal geometry on the grid, kept valid (snap-rounding precision reduction: collapsed parts are dropped,
    /// never a self-intersection). Used where an outline enters the system (a community, a drawn polygon, an imported grid).
    /// </summary>
    public static Geometry Snap(Geometry g)
    {
        if (g.IsEmpty) return Factory.CreateGeometry(g);
        var reduced = GeometryPrecisionReducer.Reduce(g, Model);
        var result = Factory.CreateGeometry(reduced);
        return result;
    }

    /// <summary>A point snapped onto the grid.</summary>
    public static Coordinate Snap(Coordinate c) => new(Model.MakePrecise(c.X), Model.MakePrecise(c.Y));
}

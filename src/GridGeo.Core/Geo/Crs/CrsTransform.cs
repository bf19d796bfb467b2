using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace GridGeo.Core.Geo.Crs;

/// <summary>
/// Converts coordinates between a <see cref="ReferenceSystem"/> and lon/lat (WGS84 = CGCS2000 here) with ProjNET's
/// transverse Mercator: <see cref="ToLonLat"/> for reading planners' layers, <see cref="FromLonLat"/> for writing them.
/// Lon/lat systems convert as the identity. One instance is not safe for concurrent use (ProjNET transforms keep
/// state); make one per reader or export.
/// </summary>
public sealed class CrsTransform
{
    private readonly MathTransform? _math;

    private CrsTransform(ReferenceSystem system, MathTransform? math, GeometryFactory factory)
    {
        System = system;
        _math = math;
        Factory = factory;
    }

    /// <summary>The projected (or lon/lat) side of the conversion.</summary>
    public ReferenceSystem System { get; }

    /// <summary>The factory of the geometries <see cref="Apply(Geometry)"/> makes: SRID 4326 towards lon/lat, the EPSG code the other way.</summary>
    public GeometryFactory Factory { get; }

    /// <summary>True when coordinates pass unchanged (a lon/lat system).</summary>
    public bool IsIdentity => _math is null;

    /// <summary>From <paramref name="system"/> (x = easting or longitude) to WGS84/CGCS2000 lon/lat.</summary>
    public static CrsTransform ToLonLat(ReferenceSystem system) =>
        new(system, system.IsGeographic ? null : Create(system, inverse: true), GeoFactory.Wgs84);

    /// <summary>From WGS84/CGCS2000 lon/lat to <paramref name="system"/>.</summary>
    public static CrsTransform FromLonLat(ReferenceSystem system) =>
        new(system, system.IsGeographic ? null : Create(system, inverse: false),
            new GeometryFactory(GeoFactory.Wgs84.PrecisionModel, system.Epsg, GeoFactory.Wgs84.CoordinateSequenceFactory));

    private static MathTransform Create(ReferenceSystem system, bool inverse)
    {
        var factory = new CoordinateSystemFactory();
        var projected = (ProjectedCoordinateSystem)factory.CreateFromWkt(system.Wkt);
        // Projected ↔ its own geographic system: the projection alone, no datum shift (CGCS2000 is taken as WGS84).
        var transform = new CoordinateTransformationFactory().CreateFromCoordinateSystems(projected, projected.GeographicCoordinateSystem);
        var math = transform.MathTransform;
        return inverse ? math : math.Inverse();
    }

    /// <summary>One coordinate pair.</summary>
    public (double X, double Y) Apply(double x, double y) => _math is null ? (x, y) : _math.Transform(x, y);

    /// <summary>A copy of <paramref name="geometry"/> with every coordinate converted, made by <see cref="Factory"/>.</summary>
    public Geometry Apply(Geometry geometry)
    {
        if (_math is null && geometry.Factory.SRID == Factory.SRID) return geometry;
        var copy = Factory.CreateGeometry(geometry);
        if (_math is not null) copy.Apply(new ProjectionFilter(_math));
        return copy;
    }

    private sealed class ProjectionFilter(MathTransform math) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = math.Transform(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}

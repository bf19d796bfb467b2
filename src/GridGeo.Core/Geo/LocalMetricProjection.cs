using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Geo;

/// <summary>
/// A local metric projection: an equirectangular (plate carrée) map of WGS84 lon/lat to metres,
/// scaled at a reference latitude with the WGS84 ellipsoid's radii of curvature and centred on a
/// reference point (usually a community's centroid).
/// <para>
/// Accuracy: the map is affine, so straight segments stay straight and every overlay commutes with
/// it exactly; only scale differs from the true surface. East–west scale drifts by about
/// tan(φ₀)·Δφ away from the reference latitude (0.1 % for a community 10 km tall at 45°), which is
/// far below what areas, distances and Polsby–Popper scores need; gap and overlap slivers are
/// measured with the same map on both sides, so their areas are not biased by it.
/// </para>
/// </summary>
public sealed class LocalMetricProjection
{
    private const double SemiMajor = 6378137.0;
    private const double Flattening = 1 / 298.257223563;

    /// <summary>Metric coordinates are kept on a 1 µm grid so that shared vertices stay identical through overlays.</summary>
    public static readonly PrecisionModel MetricPrecision = new(1e6);

    /// <summary>The factory for metric geometries (SRID 0, <see cref="MetricPrecision"/>).</summary>
    public static readonly GeometryFactory MetricFactory =
        NtsGeometryServices.Instance.CreateGeometryFactory(MetricPrecision, 0);

    private readonly double _lon0;
    private readonly double _lat0;
    private readonly double _mx;
    private readonly double _my;

    public LocalMetricProjection(double lon0, double lat0)
    {
        _lon0 = lon0;
        _lat0 = lat0;
        var e2 = Flattening * (2 - Flattening);
        var phi = lat0 * Math.PI / 180;
        var s = Math.Sin(phi);
        var w = Math.Sqrt(1 - e2 * s * s);
        var n = SemiMajor / w;
        var m = SemiMajor * (1 - e2) / (w * w * w);
        _mx = n * Math.Cos(phi) * Math.PI / 180;
        _my = m * Math.PI / 180;
    }

    /// <summary>A projection centred on the centre of a geometry's envelope.</summary>
    public static LocalMetricProjection Around(Geometry wgs84)
    {
        var e = wgs84.EnvelopeInternal;
        return new LocalMetricProjection((e.MinX + e.MaxX) / 2, (e.MinY + e.MaxY) / 2);
    }

    public Coordinate Forward(double lon, double lat) =>
        new(MetricPrecision.MakePrecise((lon - _lon0) * _mx), MetricPrecision.MakePrecise((lat - _lat0) * _my));

    public Coordinate Inverse(double x, double y) => new(_lon0 + x / _mx, _lat0 + y / _my);

    /// <summary>The geometry in metres, on the <see cref="MetricPrecision"/> grid.</summary>
    public Geometry ToMetric(Geometry wgs84)
    {
        var g = MetricFactory.CreateGeometry(wgs84);
        g.Apply(new Mapper(c => Forward(c.X, c.Y)));
        g.GeometryChanged();
        return g;
    }

    /// <summary>The metric geometry back in WGS84 lon/lat.</summary>
    public Geometry ToWgs84(Geometry metric)
    {
        var g = GeoFactory.Wgs84.CreateGeometry(metric);
        g.Apply(new Mapper(c => Inverse(c.X, c.Y)));
        g.GeometryChanged();
        return g;
    }

    private sealed class Mapper(Func<Coordinate, Coordinate> map) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var c = map(seq.GetCoordinate(i));
                seq.SetX(i, c.X);
                seq.SetY(i, c.Y);
            }
        }
    }
}

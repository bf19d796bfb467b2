using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// An equirectangular projection to metres around an origin: exact enough over the few kilometres of a
/// grid (under 0.1 % of scale error) for outlines and spreads, and cheap enough for a million points.
/// </summary>
internal readonly struct LocalMetres
{
    private const double MetresPerDegreeLat = 110_574.0;
    private const double MetresPerDegreeLonAtEquator = 111_320.0;

    private readonly double _lon0;
    private readonly double _lat0;
    private readonly double _kx;

    public LocalMetres(double lon0, double lat0)
    {
        _lon0 = lon0;
        _lat0 = lat0;
        _kx = MetresPerDegreeLonAtEquator * Math.Cos(lat0 * Math.PI / 180.0);
    }

    public double X(double lon) => (lon - _lon0) * _kx;
    public double Y(double lat) => (lat - _lat0) * MetresPerDegreeLat;
    public double Lon(double x) => _lon0 + x / _kx;
    public double Lat(double y) => _lat0 + y / MetresPerDegreeLat;

    /// <summary>A copy of a WGS84 geometry in these metres, built by <paramref name="factory"/>.</summary>
    public Geometry Project(Geometry wgs84, GeometryFactory factory)
    {
        var copy = factory.CreateGeometry(wgs84);
        copy.Apply(new Transform(this, toMetres: true));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>A copy of a metric geometry back in WGS84, built by <paramref name="factory"/>.</summary>
    public Geometry Unproject(Geometry metric, GeometryFactory factory)
    {
        var copy = factory.CreateGeometry(metric);
        copy.Apply(new Transform(this, toMetres: false));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class Transform(LocalMetres m, bool toMetres) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var x = seq.GetX(i);
                var y = seq.GetY(i);
                seq.SetX(i, toMetres ? m.X(x) : m.Lon(x));
                seq.SetY(i, toMetres ? m.Y(y) : m.Lat(y));
            }
        }
    }
}

using NetTopologySuite.Geometries;
using SkiaSharp;

namespace GridGeo.Rendering.Map;

/// <summary>
/// The local conformal frame of one printed map: WGS84 lon/lat → ellipsoidal Mercator with its scale true at the
/// frame's centre latitude (so shapes keep their angles and are not stretched), then a uniform scale and shift onto a
/// rectangle of the page (points, y down). Over a street (a few km) the scale varies by under 0.1 %, so one scale bar
/// holds for the whole map.
/// </summary>
public sealed class ConformalFrame
{
    private const double SemiMajor = 6378137.0;
    private const double Flattening = 1 / 298.257223563;
    private static readonly double Eccentricity = Math.Sqrt(Flattening * (2 - Flattening));

    /// <summary>One printer's point (1/72 inch) in metres of paper.</summary>
    public const double MetresPerPoint = 0.0254 / 72;

    private readonly double _lon0;
    private readonly double _psi0;
    private readonly double _radius; // N(φ0)·cos φ0: metres on the ground per radian of longitude at the centre latitude
    private readonly double _pointsPerMetre;
    private readonly double _originX;
    private readonly double _originY;

    private ConformalFrame(double lon0, double lat0, SKRect target, double pointsPerMetre, double centreX, double centreY)
    {
        _lon0 = lon0;
        var phi0 = lat0 * Math.PI / 180;
        var sin = Math.Sin(phi0);
        _radius = SemiMajor / Math.Sqrt(1 - Eccentricity * Eccentricity * sin * sin) * Math.Cos(phi0);
        _psi0 = IsometricLatitude(phi0);
        _pointsPerMetre = pointsPerMetre;
        Target = target;
        _originX = target.MidX - centreX * pointsPerMetre;
        _originY = target.MidY + centreY * pointsPerMetre;
    }

    /// <summary>The rectangle of the page the map fills (points).</summary>
    public SKRect Target { get; }

    /// <summary>Page points per metre on the ground.</summary>
    public double PointsPerMetre => _pointsPerMetre;

    /// <summary>The map's scale denominator (1 : N) at the centre latitude.</summary>
    public double ScaleDenominator => 1 / (_pointsPerMetre * MetresPerPoint);

    /// <summary>
    /// The frame that shows <paramref name="extent"/> (lon/lat) as large as fits in <paramref name="target"/> with
    /// <paramref name="marginFraction"/> of the shorter side left free around it, centred.
    /// </summary>
    public static ConformalFrame Fit(Envelope extent, SKRect target, double marginFraction = 0.04)
    {
        if (extent.IsNull) throw new ArgumentException("the map extent is empty: there is nothing to draw", nameof(extent));
        if (target.Width <= 0 || target.Height <= 0) throw new ArgumentException("the map rectangle has no area", nameof(target));
        var lon0 = (extent.MinX + extent.MaxX) / 2;
        var lat0 = (extent.MinY + extent.MaxY) / 2;
        var probe = new ConformalFrame(lon0, lat0, target, 1, 0, 0);
        var (x1, y1) = probe.Metres(extent.MinX, extent.MinY);
        var (x2, y2) = probe.Metres(extent.MaxX, extent.MaxY);
        var width = Math.Max(x2 - x1, 1);
        var height = Math.Max(y2 - y1, 1);
        var margin = Math.Min(target.Width, target.Height) * marginFraction;
        var scale = Math.Min((target.Width - 2 * margin) / width, (target.Height - 2 * margin) / height);
        return new ConformalFrame(lon0, lat0, target, scale, (x1 + x2) / 2, (y1 + y2) / 2);
    }

    /// <summary>Metres east and north of the centre (ellipsoidal Mercator, true scale at the centre latitude).</summary>
    public (double X, double Y) Metres(double lon, double lat)
    {
        var x = _radius * (lon - _lon0) * Math.PI / 180;
        var y = _radius * (IsometricLatitude(lat * Math.PI / 180) - _psi0);
        return (x, y);
    }

    /// <summary>The page point (points, y down) of a lon/lat.</summary>
    public SKPoint ToPage(double lon, double lat)
    {
        var (x, y) = Metres(lon, lat);
        return new SKPoint((float)(_originX + x * _pointsPerMetre), (float)(_originY - y * _pointsPerMetre));
    }

    /// <summary>The page point of a coordinate (X = lon, Y = lat).</summary>
    public SKPoint ToPage(Coordinate c) => ToPage(c.X, c.Y);

    /// <summary>The lon/lat rectangle the target rectangle shows (for loading what is on the page).</summary>
    public Envelope VisibleExtent()
    {
        var (lonA, latA) = ToLonLat(Target.Left, Target.Bottom);
        var (lonB, latB) = ToLonLat(Target.Right, Target.Top);
        return new Envelope(lonA, lonB, latA, latB);
    }

    /// <summary>The lon/lat of a page point (inverse of <see cref="ToPage(double, double)"/>).</summary>
    public (double Lon, double Lat) ToLonLat(float px, float py)
    {
        var x = (px - _originX) / _pointsPerMetre;
        var y = (_originY - py) / _pointsPerMetre;
        var lon = _lon0 + x / _radius * 180 / Math.PI;
        return (lon, InverseIsometricLatitude(y / _radius + _psi0) * 180 / Math.PI);
    }

    private static double IsometricLatitude(double phi)
    {
        var es = Eccentricity * Math.Sin(phi);
        return Math.Log(Math.Tan(Math.PI / 4 + phi / 2)) - Eccentricity / 2 * Math.Log((1 + es) / (1 - es));
    }

    private static double InverseIsometricLatitude(double psi)
    {
        // Fixed-point iteration; converges to below 1e-12 rad in a handful of steps at any inhabited latitude.
        var phi = 2 * Math.Atan(Math.Exp(psi)) - Math.PI / 2;
        for (var i = 0; i < 10; i++)
        {
            var es = Eccentricity * Math.Sin(phi);
            var next = 2 * Math.Atan(Math.Exp(psi) * Math.Pow((1 + es) / (1 - es), Eccentricity / 2)) - Math.PI / 2;
            if (Math.Abs(next - phi) < 1e-13) return next;
            phi = next;
        }
        return phi;
    }
}

namespace GridGeo.Core.Geo;

/// <summary>
/// The offsets Chinese consumer maps apply to WGS84: GCJ-02 (国测局, AMap/Tencent) and BD-09 (Baidu, on top of GCJ-02).
/// The forward formulas are the public reverse-engineered ones (Krasovsky 1940 ellipsoid, a = 6378245 m,
/// e² = 0.00669342162296594323), as published in eviltransform (github.com/googollee/eviltransform) and
/// coordtransform (github.com/wandergis/coordtransform). The inverses have no closed form: they are solved by
/// fixed-point iteration on the forward formula until the residual is below 1e-10° (about 0.01 mm).
/// Points outside China (the rectangle lon 73.66…135.05, lat 3.86…53.55, as coordtransform and gcoord use)
/// are not offset by GCJ-02.
/// </summary>
public static class ChinaOffset
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;
    private const double XPi = Math.PI * 3000.0 / 180.0;
    private const double Tolerance = 1e-10;
    private const int MaxIterations = 30;

    /// <summary>True when GCJ-02 leaves the point as it is: outside the China rectangle.</summary>
    public static bool IsOutsideChina(double lon, double lat) => !(lon > 73.66 && lon < 135.05 && lat > 3.86 && lat < 53.55);

    /// <summary>WGS84 → GCJ-02, exact to the public formula.</summary>
    public static LonLat Wgs84ToGcj02(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat)) return new LonLat(lon, lat);
        var (dLon, dLat) = Delta(lon, lat);
        return new LonLat(lon + dLon, lat + dLat);
    }

    /// <summary>GCJ-02 → WGS84: the WGS84 point whose GCJ-02 image is the given point (iterative).</summary>
    public static LonLat Gcj02ToWgs84(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat)) return new LonLat(lon, lat);
        double wLon = lon, wLat = lat;
        for (var i = 0; i < MaxIterations; i++)
        {
            var g = Wgs84ToGcj02(wLon, wLat);
            double eLon = g.Lon - lon, eLat = g.Lat - lat;
            if (Math.Abs(eLon) < Tolerance && Math.Abs(eLat) < Tolerance) break;
            wLon -= eLon;
            wLat -= eLat;
        }
        return new LonLat(wLon, wLat);
    }

    /// <summary>GCJ-02 → BD-09, exact to the public formula.</summary>
    public static LonLat Gcj02ToBd09(double lon, double lat)
    {
        var z = Math.Sqrt(lon * lon + lat * lat) + 0.00002 * Math.Sin(lat * XPi);
        var theta = Math.Atan2(lat, lon) + 0.000003 * Math.Cos(lon * XPi);
        return new LonLat(z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    /// <summary>
    /// BD-09 → GCJ-02: starts from the public approximate inverse, then iterates on <see cref="Gcj02ToBd09"/>,
    /// because the approximate inverse alone is off by up to about a metre.
    /// </summary>
    public static LonLat Bd09ToGcj02(double lon, double lat)
    {
        double x = lon - 0.0065, y = lat - 0.006;
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * XPi);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * XPi);
        double gLon = z * Math.Cos(theta), gLat = z * Math.Sin(theta);
        for (var i = 0; i < MaxIterations; i++)
        {
            var b = Gcj02ToBd09(gLon, gLat);
            double eLon = b.Lon - lon, eLat = b.Lat - lat;
            if (Math.Abs(eLon) < Tolerance && Math.Abs(eLat) < Tolerance) break;
            gLon -= eLon;
            gLat -= eLat;
        }
        return new LonLat(gLon, gLat);
    }

    /// <summary>WGS84 → BD-09 (via GCJ-02).</summary>
    public static LonLat Wgs84ToBd09(double lon, double lat)
    {
        var g = Wgs84ToGcj02(lon, lat);
        return Gcj02ToBd09(g.Lon, g.Lat);
    }

    /// <summary>BD-09 → WGS84 (via GCJ-02).</summary>
    public static LonLat Bd09ToWgs84(double lon, double lat)
    {
        var g = Bd09ToGcj02(lon, lat);
        return Gcj02ToWgs84(g.Lon, g.Lat);
    }

    private static (double DLon, double DLat) Delta(double lon, double lat)
    {
        double x = lon - 105.0, y = lat - 35.0;
        var sqrtAbsX = Math.Sqrt(Math.Abs(x));
        var common = (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrtAbsX + common
                   + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
                   + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrtAbsX + common
                   + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
                   + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }
}

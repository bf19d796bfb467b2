using System.Globalization;

namespace GridGeo.Core.Geo.Crs;

/// <summary>
/// The built-in catalogue of <see cref="ReferenceSystem"/>s: EPSG:4326 (WGS84), EPSG:4490 (CGCS2000) and every
/// CGCS2000 Gauss-Krüger zone, EPSG:4491–4554:
/// <list type="bullet">
/// <item>4491–4501: 6° zones 13–23, zone number leading the easting (false easting zone × 10⁶ + 500 000);</item>
/// <item>4502–4512: the same zones as "CM 75E" … "CM 135E", false easting 500 000;</item>
/// <item>4513–4533: 3° zones 25–45, zone number leading the easting;</item>
/// <item>4534–4554: the same zones as "CM 75E" … "CM 135E", false easting 500 000.</item>
/// </list>
/// <see cref="Parse"/> reads <c>--crs</c> / <c>?crs=</c> values, <see cref="Identify"/> a <c>.prj</c> or GeoPackage WKT.
/// </summary>
public static class ReferenceSystems
{
    public const int Wgs84Epsg = 4326;
    public const int Cgcs2000Epsg = 4490;

    public static readonly ReferenceSystem Wgs84 = new(Wgs84Epsg, "WGS 84", null, 0, 0, null);
    public static readonly ReferenceSystem Cgcs2000 = new(Cgcs2000Epsg, "China Geodetic Coordinate System 2000", null, 0, 0, null);

    private static readonly Dictionary<int, ReferenceSystem> ByCode = Build().ToDictionary(s => s.Epsg);

    /// <summary>Every system of the catalogue, in EPSG order.</summary>
    public static IReadOnlyList<ReferenceSystem> All { get; } = ByCode.Values.OrderBy(s => s.Epsg).ToArray();

    /// <summary>What <see cref="Parse"/> accepts, for error messages.</summary>
    public const string Accepted = "EPSG:4326 (WGS84), EPSG:4490 (CGCS2000) or a CGCS2000 Gauss-Krüger zone EPSG:4491–4554";

    private static IEnumerable<ReferenceSystem> Build()
    {
        yield return Wgs84;
        yield return Cgcs2000;
        for (var i = 0; i <= 10; i++)
        {
            int zone = 13 + i, cm = 75 + 6 * i;
            yield return new(4491 + i, $"CGCS2000 / Gauss-Kruger zone {zone}", cm, zone * 1_000_000 + 500_000, 6, zone);
            yield return new(4502 + i, $"CGCS2000 / Gauss-Kruger CM {cm}E", cm, 500_000, 6, null);
        }
        for (var i = 0; i <= 20; i++)
        {
            int zone = 25 + i, cm = 75 + 3 * i;
            yield return new(4513 + i, $"CGCS2000 / 3-degree Gauss-Kruger zone {zone}", cm, zone * 1_000_000 + 500_000, 3, zone);
            yield return new(4534 + i, $"CGCS2000 / 3-degree Gauss-Kruger CM {cm}E", cm, 500_000, 3, null);
        }
    }

    /// <summary>The system with EPSG code <paramref name="epsg"/>; null when it is not in the catalogue.</summary>
    public static ReferenceSystem? Find(int epsg) => ByCode.GetValueOrDefault(epsg);

    /// <summary>
    /// Reads <c>EPSG:NNNN</c> (case-insensitive; also a bare number, <c>wgs84</c> and <c>cgcs2000</c>). A value
    /// outside the catalogue is a <see cref="BadInputException"/> naming <paramref name="source"/> and what is accepted.
    /// </summary>
    public static ReferenceSystem Parse(string value, string source)
    {
        var text = value.Trim().ToLowerInvariant();
        if (text is "wgs84" or "wgs-84") return Wgs84;
        if (text is "cgcs2000") return Cgcs2000;
        if (text.StartsWith("epsg:", StringComparison.Ordinal)) text = text[5..];
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && Find(code) is { } known) return known;
        throw new BadInputException(source, $"\"{value}\"", $"unknown coordinate reference system; accepted: {Accepted}");
    }

    /// <summary>
    /// The catalogue system a WKT 1 definition (OGC or Esri flavour, as in a <c>.prj</c> or <c>gpkg_spatial_ref_sys</c>)
    /// describes, matched by its content — ellipsoid, projection and parameters — rather than by its name. Throws
    /// <see cref="BadInputException"/> naming <paramref name="source"/> when it describes anything else (e.g. Beijing 1954
    /// or Xian 1980, which need a datum shift, or a UTM zone).
    /// </summary>
    public static ReferenceSystem Identify(string wkt, string source)
    {
        var parsed = WktParameters.Parse(wkt);
        var kind = parsed.Kind;
        if (kind is not ("PROJCS" or "GEOGCS" or "PROJCRS" or "GEOGCRS" or "GEODCRS"))
            throw new BadInputException(source, null, $"cannot read the coordinate reference system \"{Shorten(wkt)}\"; accepted: {Accepted}");
        if (parsed.SemiMajorAxis is { } a && parsed.InverseFlattening is { } invf)
        {
            var grs80 = Math.Abs(a - ReferenceSystem.SemiMajorAxis) < 0.01 && Math.Abs(invf - ReferenceSystem.InverseFlattening) < 1e-6;
            var wgs84 = Math.Abs(a - 6378137.0) < 0.01 && Math.Abs(invf - 298.257223563) < 1e-6;
            if (!grs80 && !wgs84)
                throw new BadInputException(source, null,
                    $"the ellipsoid (a = {a.ToString(CultureInfo.InvariantCulture)} m, 1/f = {invf.ToString(CultureInfo.InvariantCulture)}) is not CGCS2000 or WGS84: " +
                    "Beijing 1954 and Xian 1980 data need a datum transformation GridGeo does not do; reproject the layer to CGCS2000 (EPSG:4490–4554) first");
        }
        if (kind is "GEOGCS" or "GEOGCRS" or "GEODCRS")
            return parsed.InverseFlattening is { } f && Math.Abs(f - 298.257223563) < 1e-6 ? Wgs84 : Cgcs2000;

        var projection = (parsed.Projection ?? "").Replace(" ", "_").Replace("-", "_").ToLowerInvariant();
        if (projection is not ("transverse_mercator" or "gauss_kruger" or "gauss_krueger"))
            throw new BadInputException(source, null, $"the projection \"{parsed.Projection}\" is not Gauss-Krüger (transverse Mercator); accepted: {Accepted}");
        var cm = parsed.Parameter("central_meridian", "longitude_of_natural_origin", "longitude_of_origin");
        var fe = parsed.Parameter("false_easting");
        var fn = parsed.Parameter("false_northing") ?? 0;
        var k = parsed.Parameter("scale_factor", "scale_factor_at_natural_origin") ?? 1;
        var lat0 = parsed.Parameter("latitude_of_origin", "latitude_of_natural_origin") ?? 0;
        if (parsed.LinearUnit is { } unit && Math.Abs(unit - 1) > 1e-9)
            throw new BadInputException(source, null, $"the linear unit is {unit.ToString(CultureInfo.InvariantCulture)} m, not metres");
        var matches = cm is null || fe is null || fn != 0 || Math.Abs(k - 1) > 1e-12 || lat0 != 0
            ? []
            : All.Where(s => !s.IsGeographic && Math.Abs(s.CentralMeridian!.Value - cm.Value) < 1e-9 && Math.Abs(s.FalseEasting - fe.Value) < 1e-6).ToList();
        // A 6° zone's "CM" code and the 3° one on the same meridian are the same projection: the authority code or the
        // name tells them apart, else the 3° code (the one cadastral data uses) stands.
        var name = (parsed.Name ?? "").ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        var threeDegree = name.Contains("3_degree") || !(name.Contains("gauss_kruger") || name.Contains("_gk_"));
        var match = matches.FirstOrDefault(s => s.Epsg == parsed.Authority)
                    ?? matches.FirstOrDefault(s => s.ZoneWidth == (threeDegree ? 3 : 6))
                    ?? matches.FirstOrDefault();
        return match ?? throw new BadInputException(source, null,
            $"the transverse Mercator with central meridian {cm?.ToString(CultureInfo.InvariantCulture) ?? "?"}, false easting {fe?.ToString(CultureInfo.InvariantCulture) ?? "?"}, " +
            $"false northing {fn.ToString(CultureInfo.InvariantCulture)}, scale {k.ToString(CultureInfo.InvariantCulture)} is not a CGCS2000 Gauss-Krüger zone; accepted: {Accepted}");
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}

namespace GridGeo.Core.Geo;

/// <summary>Converts incoming points of any <see cref="CoordinateSystem"/> to WGS84 lon/lat.</summary>
public static class CoordinateConverter
{
    /// <summary>
    /// The WGS84 position of (<paramref name="lon"/>, <paramref name="lat"/>) given in <paramref name="system"/>.
    /// WGS84 and CGCS2000 come back unchanged; GCJ-02 and BD-09 are un-offset by <see cref="ChinaOffset"/>.
    /// </summary>
    public static LonLat ToWgs84(double lon, double lat, CoordinateSystem system) => system switch
    {
        CoordinateSystem.Wgs84 or CoordinateSystem.Cgcs2000 => new LonLat(lon, lat),
        CoordinateSystem.Gcj02 => ChinaOffset.Gcj02ToWgs84(lon, lat),
        CoordinateSystem.Bd09 => ChinaOffset.Bd09ToWgs84(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, "not a known coordinate system"),
    };

    /// <summary>The position of a WGS84 point as <paramref name="system"/> writes it (the forward offsets).</summary>
    public static LonLat FromWgs84(double lon, double lat, CoordinateSystem system) => system switch
    {
        CoordinateSystem.Wgs84 or CoordinateSystem.Cgcs2000 => new LonLat(lon, lat),
        CoordinateSystem.Gcj02 => ChinaOffset.Wgs84ToGcj02(lon, lat),
        CoordinateSystem.Bd09 => ChinaOffset.Wgs84ToBd09(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, "not a known coordinate system"),
    };
}

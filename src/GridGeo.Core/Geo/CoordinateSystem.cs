namespace GridGeo.Core.Geo;

/// <summary>
/// The coordinate systems GridGeo accepts for incoming lon/lat points. Everything is stored and
/// answered in <see cref="Wgs84"/>; the others are converted on the way in by <see cref="CoordinateConverter"/>.
/// </summary>
public enum CoordinateSystem
{
    /// <summary>WGS84 (EPSG:4326), GPS and GeoJSON; the default.</summary>
    Wgs84,

    /// <summary>CGCS2000 (EPSG:4490), Chinese survey data; equal to WGS84 at grid scale (centimetres), so taken as is.</summary>
    Cgcs2000,

    /// <summary>GCJ-02 (国测局坐标, "Mars coordinates"), returned by AMap and Tencent maps.</summary>
    Gcj02,

    /// <summary>BD-09 (百度坐标), returned by Baidu maps: a further offset on top of GCJ-02.</summary>
    Bd09,
}

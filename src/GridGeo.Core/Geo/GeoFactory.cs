using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Geo;

/// <summary>The geometry factories GridGeo uses: WGS84 lon/lat (SRID 4326) for storage and exchange.</summary>
public static class GeoFactory
{
    public const int Wgs84Srid = 4326;

    /// <summary>Floating precision, SRID 4326.</summary>
    public static readonly GeometryFactory Wgs84 =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), Wgs84Srid);
}

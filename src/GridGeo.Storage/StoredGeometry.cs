using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;

namespace GridGeo.Storage;

/// <summary>
/// Geometries as PostGIS stores them: every geometry column is <c>geometry(…, 4326)</c> and the data source crosses them
/// as NetTopologySuite types (<see cref="GridGeoDatabase.Open"/>), so a geometry written must carry SRID 4326.
/// </summary>
public static class StoredGeometry
{
    /// <summary><paramref name="geometry"/> itself when it has SRID 4326, else a copy that has.</summary>
    public static Geometry InWgs84(Geometry geometry)
    {
        if (geometry.SRID == GeoFactory.Wgs84Srid) return geometry;
        var copy = geometry.Copy();
        copy.SRID = GeoFactory.Wgs84Srid;
        return copy;
    }
}

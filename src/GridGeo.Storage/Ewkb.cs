using GridGeo.Core.Geo;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GridGeo.Storage;

/// <summary>
/// Geometry to and from PostGIS as EWKB (well-known binary carrying the SRID): SQL reads with
/// <c>ST_AsEWKB(col)</c> and writes with <c>ST_GeomFromEWKB(@p)</c>; binary COPY sends the bytes
/// straight into a geometry column (PostGIS's binary input accepts EWKB).
/// </summary>
public static class Ewkb
{
    private static readonly NtsGeometryServices Services =
        new(GeoFactory.Wgs84.CoordinateSequenceFactory, GeoFactory.Wgs84.PrecisionModel, GeoFactory.Wgs84Srid);

    public static byte[] Write(Geometry geometry) =>
        new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false).Write(StoredGeometry.InWgs84(geometry));

    public static Geometry Read(byte[] ewkb) => new WKBReader(Services).Read(ewkb);
}

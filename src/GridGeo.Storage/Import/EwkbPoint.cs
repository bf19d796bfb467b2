using System.Buffers.Binary;
using GridGeo.Core.Geo;

namespace GridGeo.Storage.Import;

/// <summary>
/// Writes a WGS84 point as 25 bytes of little-endian EWKB (byte order, type with the SRID flag, SRID, x, y)
/// into a reused buffer: a bulk load of a million households makes no geometry objects.
/// </summary>
internal static class EwkbPoint
{
    private const uint PointWithSrid = 1 | 0x20000000;

    public static byte[] Fill(byte[] buffer, double lon, double lat)
    {
        buffer[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(1), PointWithSrid);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(5), GeoFactory.Wgs84Srid);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(9), lon);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(17), lat);
        return buffer;
    }
}

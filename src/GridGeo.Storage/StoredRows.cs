using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Storage;

/// <summary>Maps rows of the shared column lists in Sql/ to Core records.</summary>
internal static class StoredRows
{
    /// <summary>Columns: id, community_code, compound_id, dedicated_id, households, units, floors, address, location.</summary>
    public static Building Building(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetFieldValue<Point>(8),
        r.GetInt32(4),
        r.GetInt32(5),
        r.GetInt32(6),
        NullableString(r, 2),
        NullableString(r, 1),
        NullableString(r, 3),
        NullableString(r, 7));

    public static string? NullableString(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}

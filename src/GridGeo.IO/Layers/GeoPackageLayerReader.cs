using GridGeo.Core;
using GridGeo.Core.Geo;
using GridGeo.Core.Geo.Crs;
using GridGeo.IO.GeoJson;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace GridGeo.IO.Layers;

/// <summary>
/// Reads feature tables of a GeoPackage (OGC 12-128r18): the tables are listed in <c>gpkg_contents</c>, their
/// geometry column in <c>gpkg_geometry_columns</c> and their CRS in <c>gpkg_spatial_ref_sys</c> (EPSG code, else the
/// WKT definition identified by <see cref="ReferenceSystems.Identify"/>; srs_id 0 and −1 mean undeclared).
/// </summary>
public static class GeoPackageLayerReader
{
    /// <summary>The feature tables of <paramref name="gpkgPath"/>, as named in <c>gpkg_contents</c>.</summary>
    public static IReadOnlyList<string> FeatureTables(string gpkgPath)
    {
        var name = Path.GetFileName(gpkgPath);
        try
        {
            using var connection = Open(gpkgPath);
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "select table_name from gpkg_contents where data_type = 'features'";
            using var r = cmd.ExecuteReader();
            var tables = new List<string>();
            while (r.Read()) tables.Add(r.GetString(0));
            return tables;
        }
        catch (SqliteException ex)
        {
            throw new BadInputException(name, null, $"not a readable GeoPackage ({ex.Message})");
        }
    }

    /// <summary>The features of table <paramref name="table"/>, in lon/lat, numbered by row order (rowid).</summary>
    public static LayerContent Read(string gpkgPath, string table, ReferenceSystem? crsOption)
    {
        var file = Path.GetFileName(gpkgPath);
        var label = $"{file} (table {table})";
        try
        {
            using var connection = Open(gpkgPath);
            var (column, srsId) = GeometryColumn(connection, table, label);
            var system = Crs(connection, srsId, crsOption, label);
            var projector = new LayerProjector(system, label);
            var reader = new GeoPackageGeoReader(GeoFactory.Wgs84.CoordinateSequenceFactory, GeoFactory.Wgs84.PrecisionModel) { HandleSRID = false };

            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"select * from {Quote(table)} order by rowid";
            using var r = cmd.ExecuteReader();
            var geometryIndex = r.GetOrdinal(column);
            var keys = PrimaryKeys(connection, table);
            var result = new List<FeatureRecord>();
            var number = 0;
            while (r.Read())
            {
                number++;
                var values = new List<KeyValuePair<string, object?>>();
                for (var i = 0; i < r.FieldCount; i++)
                {
                    if (i == geometryIndex || keys.Contains(r.GetName(i))) continue;
                    values.Add(new(r.GetName(i), r.IsDBNull(i) ? null : r.GetValue(i)));
                }
                var properties = LayerAttributes.ToJson(values, emptyIsNull: false);
                var item = ShapefileLayerReader.Label(number, properties);
                if (r.IsDBNull(geometryIndex)) throw new BadInputException(label, item, "the feature has no geometry");
                NetTopologySuite.Geometries.Geometry geometry;
                try { geometry = reader.Read((byte[])r.GetValue(geometryIndex)); }
                catch (Exception ex) when (ex is ParseException or ArgumentException or InvalidOperationException or IOException or FormatException)
                { throw new BadInputException(label, item, $"invalid GeoPackage geometry ({ex.Message})"); }
                if (geometry.IsEmpty) throw new BadInputException(label, item, "the feature has an empty geometry");
                result.Add(new FeatureRecord(number, projector.ToLonLat(geometry, item), properties, label));
            }
            return new LayerContent(result, system);
        }
        catch (SqliteException ex)
        {
            throw new BadInputException(label, null, $"cannot read the table ({ex.Message})");
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static (string Column, int SrsId) GeometryColumn(SqliteConnection connection, string table, string label)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "select column_name, srs_id from gpkg_geometry_columns where lower(table_name) = lower($table)";
        cmd.Parameters.AddWithValue("$table", table);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) throw new BadInputException(label, null, "the table has no geometry column in gpkg_geometry_columns");
        return (r.GetString(0), r.GetInt32(1));
    }

    private static ReferenceSystem? Crs(SqliteConnection connection, int srsId, ReferenceSystem? crsOption, string label)
    {
        if (srsId is 0 or -1) return crsOption;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "select organization, organization_coordsys_id, definition from gpkg_spatial_ref_sys where srs_id = $id";
        cmd.Parameters.AddWithValue("$id", srsId);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) throw new BadInputException(label, null, $"srs_id {srsId} is not in gpkg_spatial_ref_sys");
        var organization = r.IsDBNull(0) ? "" : r.GetString(0);
        if (string.Equals(organization, "EPSG", StringComparison.OrdinalIgnoreCase) && ReferenceSystems.Find(r.GetInt32(1)) is { } known)
            return LayerCrs.Agree(known, crsOption, label);
        var definition = r.IsDBNull(2) ? "" : r.GetString(2);
        if (definition.Trim().Equals("undefined", StringComparison.OrdinalIgnoreCase)) return crsOption;
        return LayerCrs.Resolve((definition, $"{label} srs_id {srsId}"), crsOption, label);
    }

    private static HashSet<string> PrimaryKeys(SqliteConnection connection, string table)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"select name from pragma_table_info({Literal(table)}) where pk > 0";
        using var r = cmd.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (r.Read()) keys.Add(r.GetString(0));
        return keys;
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";
}

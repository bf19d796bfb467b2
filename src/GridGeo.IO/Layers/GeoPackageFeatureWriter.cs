using System.Globalization;
using System.Text.Json;
using GridGeo.Core.Geo.Crs;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GridGeo.IO.Layers;

/// <summary>
/// Writes a GeoPackage 1.3 (OGC 12-128r18) with one feature table: the <c>gpkg_spatial_ref_sys</c> (with the required
/// −1, 0 and 4326 rows plus the file's system), <c>gpkg_contents</c> (with the extent) and <c>gpkg_geometry_columns</c>
/// tables, and the features as standard GeoPackage binary geometries, XY only. Lists of strings are stored as JSON
/// arrays in TEXT columns. Everything is written in one transaction.
/// </summary>
public sealed class GeoPackageFeatureWriter : FeatureTableWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly GeoPackageGeoWriter _geometryWriter = new() { HandleOrdinates = Ordinates.XY };
    private SqliteCommand? _insert;
    private ColumnKind[] _kinds = [];
    private Envelope _extent = new();
    private bool _completed;

    /// <summary>Creates <paramref name="path"/> (replacing a file there) with the empty table <paramref name="table"/>.</summary>
    public GeoPackageFeatureWriter(string path, string table, IReadOnlyList<string> propertyNames, ReferenceSystem system)
        : base(table, propertyNames, system)
    {
        if (File.Exists(path)) File.Delete(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA application_id = 1196444487; PRAGMA user_version = 10300; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        _transaction = _connection.BeginTransaction();
        Execute(Schema);
        AddReferenceSystem(ReferenceSystems.Wgs84);
        if (system.Epsg != ReferenceSystems.Wgs84Epsg) AddReferenceSystem(system);
    }

    private const string Schema = """
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
          srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
        """;

    private void AddReferenceSystem(ReferenceSystem s)
    {
        using var cmd = Command("INSERT INTO gpkg_spatial_ref_sys VALUES ($name, $id, 'EPSG', $id, $wkt, NULL)");
        cmd.Parameters.AddWithValue("$name", s.Name);
        cmd.Parameters.AddWithValue("$id", s.Epsg);
        cmd.Parameters.AddWithValue("$wkt", s.Wkt);
        cmd.ExecuteNonQuery();
    }

    protected override void WriteFeature(Geometry? geometry, IReadOnlyList<object?> values)
    {
        _insert ??= CreateTable(values);
        _insert.Parameters[0].Value = geometry is null ? DBNull.Value : Blob(geometry);
        for (var i = 0; i < values.Count; i++) _insert.Parameters[i + 1].Value = Value(values[i], _kinds[i]);
        _insert.ExecuteNonQuery();
    }

    private byte[] Blob(Geometry geometry)
    {
        geometry.SRID = System.Epsg;
        _extent.ExpandToInclude(geometry.EnvelopeInternal);
        return _geometryWriter.Write(geometry);
    }

    private SqliteCommand CreateTable(IReadOnlyList<object?> first)
    {
        _kinds = first.Select(KindOf).ToArray();
        var columns = PropertyNames.Select((n, i) => $"{GeoPackageLayerReader.Quote(n)} {_kinds[i] switch { ColumnKind.Integer => "INTEGER", ColumnKind.Real => "REAL", _ => "TEXT" }}");
        Execute($"CREATE TABLE {GeoPackageLayerReader.Quote(Table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom GEOMETRY, {string.Join(", ", columns)})");
        var insert = Command($"INSERT INTO {GeoPackageLayerReader.Quote(Table)} (geom, {string.Join(", ", PropertyNames.Select(GeoPackageLayerReader.Quote))}) " +
                             $"VALUES ({string.Join(", ", Enumerable.Range(0, PropertyNames.Count + 1).Select(i => "$p" + i))})");
        for (var i = 0; i <= PropertyNames.Count; i++) insert.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value));
        insert.Prepare();
        return insert;
    }

    private static object Value(object? value, ColumnKind kind) => value switch
    {
        null => DBNull.Value,
        IEnumerable<string> list when kind == ColumnKind.TextList => JsonSerializer.Serialize(list),
        IEnumerable<string> list => string.Join(",", list),
        string or int or long or double => value,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public override void Complete()
    {
        if (_completed) return;
        // An empty layer still gets its table, with text columns.
        _insert ??= CreateTable(PropertyNames.Select(_ => (object?)null).ToArray());
        using (var cmd = Command("INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) " +
                                 "VALUES ($t, 'features', $t, $minx, $miny, $maxx, $maxy, $srs)"))
        {
            cmd.Parameters.AddWithValue("$t", Table);
            cmd.Parameters.AddWithValue("$minx", _extent.IsNull ? DBNull.Value : _extent.MinX);
            cmd.Parameters.AddWithValue("$miny", _extent.IsNull ? DBNull.Value : _extent.MinY);
            cmd.Parameters.AddWithValue("$maxx", _extent.IsNull ? DBNull.Value : _extent.MaxX);
            cmd.Parameters.AddWithValue("$maxy", _extent.IsNull ? DBNull.Value : _extent.MaxY);
            cmd.Parameters.AddWithValue("$srs", System.Epsg);
            cmd.ExecuteNonQuery();
        }
        using (var cmd = Command("INSERT INTO gpkg_geometry_columns VALUES ($t, 'geom', 'GEOMETRY', $srs, 0, 0)"))
        {
            cmd.Parameters.AddWithValue("$t", Table);
            cmd.Parameters.AddWithValue("$srs", System.Epsg);
            cmd.ExecuteNonQuery();
        }
        _transaction.Commit();
        _completed = true;
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _transaction;
        return cmd;
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _transaction;
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        _insert?.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }
}

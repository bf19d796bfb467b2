using System.Globalization;
using System.Text;
using GridGeo.Core.Geo.Crs;
using GridGeo.IO.Csv;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace GridGeo.IO.Layers;

/// <summary>
/// Writes one layer as an Esri shapefile into a folder: <c>TABLE.shp</c>, <c>.shx</c>, <c>.dbf</c> (UTF-8 text),
/// <c>.cpg</c> (<c>UTF-8</c>, so that ArcGIS, QGIS and GDAL read Chinese names right) and <c>.prj</c> (Esri WKT).
/// dBASE names hold 10 characters (<see cref="LayerAttributes.DbfName"/>) and text 254 bytes, so a list of strings
/// (a grid's buildings, a liaison unit's members) goes to a companion <c>TABLE_PROPERTY.csv</c> — one row
/// <c>code,PROPERTY</c> per item — and the <c>.dbf</c> keeps its count (<c>n_PROPERTY</c>). The shape type follows the
/// first geometry: points, lines or polygons.
/// </summary>
public sealed class ShapefileFeatureWriter : FeatureTableWriter
{
    private readonly string _directory;
    private ShapefileWriter? _writer;
    private ColumnKind[] _kinds = [];
    private string[] _fields = [];
    private readonly Dictionary<int, StreamWriter> _lists = [];
    private ShapeType _shapeType;
    private bool _completed;

    /// <summary>The files written (shapefile parts and companion CSVs), for zipping.</summary>
    public List<string> Files { get; } = [];

    public ShapefileFeatureWriter(string directory, string table, IReadOnlyList<string> propertyNames, ReferenceSystem system)
        : base(table, propertyNames, system)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    protected override void WriteFeature(Geometry? geometry, IReadOnlyList<object?> values)
    {
        _writer ??= Open(geometry, values);
        _writer.Geometry = Shape(geometry);
        var id = values.Count > 0 ? values[0]?.ToString() ?? "" : "";
        for (var i = 0; i < values.Count; i++)
        {
            var field = _writer.Fields[_fields[i]];
            var v = values[i];
            if (_kinds[i] == ColumnKind.TextList)
            {
                var list = v as IEnumerable<string> ?? [];
                var count = 0;
                foreach (var item in list)
                {
                    _lists[i].WriteLine(CsvLine.Escape(id) + "," + CsvLine.Escape(item));
                    count++;
                }
                field.Value = count;
            }
            else field.Value = v switch
            {
                null => null,
                int n => _kinds[i] == ColumnKind.Integer ? (long)n : n.ToString(CultureInfo.InvariantCulture),
                long or double => v,
                IEnumerable<string> list => string.Join(",", list),
                _ => v.ToString(),
            };
        }
        _writer.Write();
    }

    private Geometry Shape(Geometry? g) => g switch
    {
        null => _shapeType switch
        {
            ShapeType.Point => Point.Empty,
            ShapeType.PolyLine => MultiLineString.Empty,
            _ => MultiPolygon.Empty,
        },
        Polygon p => p.Factory.CreateMultiPolygon([p]),
        LineString l => l.Factory.CreateMultiLineString([l]),
        _ => g,
    };

    private ShapefileWriter Open(Geometry? first, IReadOnlyList<object?> values)
    {
        _shapeType = first switch
        {
            Point => ShapeType.Point,
            LineString or MultiLineString => ShapeType.PolyLine,
            _ => ShapeType.Polygon,
        };
        _kinds = values.Select(KindOf).ToArray();
        var fields = new List<DbfField>();
        _fields = new string[PropertyNames.Count];
        for (var i = 0; i < PropertyNames.Count; i++)
        {
            var name = PropertyNames[i];
            switch (_kinds[i])
            {
                case ColumnKind.TextList:
                    _fields[i] = LayerAttributes.DbfName("n_" + name);
                    fields.Add(new DbfNumericInt32Field(_fields[i]));
                    var csv = Path.Combine(_directory, $"{Table}_{name}.csv");
                    Files.Add(csv);
                    var writer = new StreamWriter(csv, false, new UTF8Encoding(false)) { NewLine = "\n" };
                    writer.WriteLine($"{PropertyNames[0]},{name}");
                    _lists[i] = writer;
                    break;
                case ColumnKind.Integer:
                    _fields[i] = LayerAttributes.DbfName(name);
                    fields.Add(new DbfNumericInt64Field(_fields[i]));
                    break;
                case ColumnKind.Real:
                    _fields[i] = LayerAttributes.DbfName(name);
                    fields.Add(new DbfNumericDoubleField(_fields[i]));
                    break;
                default:
                    _fields[i] = LayerAttributes.DbfName(name);
                    fields.Add(new DbfCharacterField(_fields[i], 254));
                    break;
            }
        }
        var shp = Path.Combine(_directory, Table + ".shp");
        Files.AddRange(new[] { ".shp", ".shx", ".dbf", ".cpg", ".prj" }.Select(e => Path.ChangeExtension(shp, e)));
        return Shapefile.OpenWrite(shp, new ShapefileWriterOptions(_shapeType, fields.ToArray()) { Encoding = new UTF8Encoding(false) });
    }

    public override void Complete()
    {
        if (_completed) return;
        // An empty layer still gets its files: a polygon shapefile with text columns.
        _writer ??= Open(null, PropertyNames.Select(_ => (object?)null).ToArray());
        _writer.Dispose();
        foreach (var list in _lists.Values) list.Dispose();
        var shp = Path.Combine(_directory, Table + ".shp");
        File.WriteAllText(Path.ChangeExtension(shp, ".cpg"), "UTF-8");
        File.WriteAllText(Path.ChangeExtension(shp, ".prj"), System.EsriWkt);
        _completed = true;
    }

    public override void Dispose()
    {
        _writer?.Dispose();
        foreach (var list in _lists.Values) list.Dispose();
    }
}

using GridGeo.Core.Geo.Crs;
using NetTopologySuite.Geometries;

namespace GridGeo.IO.Layers;

/// <summary>
/// Writes one feature table (a layer) to a GIS file: GeoPackage (<see cref="GeoPackageFeatureWriter"/>) or shapefile
/// (<see cref="ShapefileFeatureWriter"/>). Features arrive one at a time in lon/lat and are converted to
/// <see cref="System"/>; column types come from the first feature's values (a whole number, a floating number, a list of
/// strings, else text). <see cref="Complete"/> finishes the file; disposing without it leaves an unfinished file.
/// </summary>
public abstract class FeatureTableWriter : IDisposable
{
    private readonly CrsTransform _transform;

    protected FeatureTableWriter(string table, IReadOnlyList<string> propertyNames, ReferenceSystem system)
    {
        Table = table;
        PropertyNames = propertyNames;
        System = system;
        _transform = CrsTransform.FromLonLat(system);
    }

    /// <summary>The table (layer) name.</summary>
    public string Table { get; }

    public IReadOnlyList<string> PropertyNames { get; }

    /// <summary>The coordinate reference system of the file.</summary>
    public ReferenceSystem System { get; }

    /// <summary>Features written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Writes one feature: its lon/lat geometry (null: none) and its values in the order of <see cref="PropertyNames"/>.</summary>
    public void Write(Geometry? lonLat, IReadOnlyList<object?> values)
    {
        WriteFeature(lonLat is null ? null : _transform.Apply(lonLat), values);
        Count++;
    }

    protected abstract void WriteFeature(Geometry? geometry, IReadOnlyList<object?> values);

    /// <summary>Finishes the file (headers, extents, companion files).</summary>
    public abstract void Complete();

    public abstract void Dispose();

    /// <summary>The kind of column a first value calls for.</summary>
    protected static ColumnKind KindOf(object? value) => value switch
    {
        string => ColumnKind.Text,
        int or long or short => ColumnKind.Integer,
        double or float or decimal => ColumnKind.Real,
        IEnumerable<string> => ColumnKind.TextList,
        _ => ColumnKind.Text,
    };

    protected enum ColumnKind { Text, Integer, Real, TextList }
}

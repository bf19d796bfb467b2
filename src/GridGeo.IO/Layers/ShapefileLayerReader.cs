using GridGeo.Core;
using GridGeo.Core.Geo;
using GridGeo.Core.Geo.Crs;
using GridGeo.IO.GeoJson;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace GridGeo.IO.Layers;

/// <summary>
/// Reads one layer from an Esri shapefile (<c>NAME.shp</c> with its <c>.shx</c> and <c>.dbf</c>; <c>.prj</c> and <c>.cpg</c>
/// when present) into lon/lat <see cref="FeatureRecord"/>s. The CRS is the <c>.prj</c>'s, else <c>--crs</c>; both given
/// and different is refused. Text is decoded as <see cref="DbfEncodingDetector"/> decides.
/// </summary>
public static class ShapefileLayerReader
{
    public static LayerContent Read(string shpPath, ReferenceSystem? crsOption)
    {
        var name = Path.GetFileName(shpPath);
        foreach (var part in new[] { ".shx", ".dbf" })
        {
            if (!File.Exists(Path.ChangeExtension(shpPath, part)))
                throw new BadInputException(name, null, $"the shapefile's {Path.GetFileNameWithoutExtension(shpPath)}{part} is missing beside it");
        }
        var system = LayerCrs.Resolve(ReadPrj(shpPath), crsOption, name);
        var (encoding, _) = DbfEncodingDetector.Detect(Path.ChangeExtension(shpPath, ".dbf"));
        var projector = new LayerProjector(system, name);
        var options = new ShapefileReaderOptions
        {
            Encoding = encoding,
            Factory = GeoFactory.Wgs84,
            // Invalid rings are reported by the bundle rules with the feature's number, not thrown from inside the reader.
            GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes,
        };

        var result = new List<FeatureRecord>();
        try
        {
            using var reader = Shapefile.OpenRead(shpPath, options);
            var number = 0;
            while (reader.Read(out var deleted))
            {
                number++;
                if (deleted) continue;
                var values = reader.Fields.Select(f => new KeyValuePair<string, object?>(f.Name, f.Value)).ToList();
                var properties = LayerAttributes.ToJson(values, emptyIsNull: true);
                var label = Label(number, properties);
                var geometry = reader.Geometry;
                if (geometry is null || geometry.IsEmpty) throw new BadInputException(name, label, "the feature has no geometry");
                result.Add(new FeatureRecord(number, projector.ToLonLat(geometry, label), properties, name));
            }
        }
        catch (Exception ex) when (ex is ShapefileException or NotSupportedException or FileLoadException or IOException or ArgumentException
                                       or InvalidOperationException or IndexOutOfRangeException or EndOfStreamException)
        {
            throw new BadInputException(name, null, $"not a readable shapefile ({ex.Message})");
        }
        return new LayerContent(result, system);
    }

    internal static string Label(int number, System.Text.Json.JsonElement properties) =>
        properties.TryGetProperty("id", out var id) ? $"feature {number} (id \"{id}\")" : $"feature {number}";

    private static (string Text, string Source)? ReadPrj(string shpPath)
    {
        var prj = Path.ChangeExtension(shpPath, ".prj");
        if (!File.Exists(prj)) return null;
        var text = File.ReadAllText(prj).Trim();
        return text.Length == 0 ? null : (text, Path.GetFileName(prj));
    }
}

using System.Text.Json;
using GridGeo.Core;
using NetTopologySuite.Geometries;

namespace GridGeo.IO.GeoJson;

/// <summary>One feature read from a FeatureCollection: its 1-based position, geometry and properties.</summary>
public sealed record FeatureRecord(int Number, Geometry Geometry, JsonElement Properties, string FileName)
{
    /// <summary>How error messages name this feature: its position and, when it has one, its id.</summary>
    public string Label(string? id = null) => id is null ? $"feature {Number}" : $"feature {Number} (id \"{id}\")";

    public BadInputException Error(string rule, string? id = null) => new(FileName, Label(id), rule);

    public string? OptionalString(string name)
    {
        if (!Properties.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw Error($"property \"{name}\" must be a string"),
        };
    }

    public string RequiredString(string name, string? id = null)
    {
        var s = OptionalString(name);
        if (string.IsNullOrWhiteSpace(s)) throw Error($"required property \"{name}\" is missing or empty", id);
        return s;
    }

    public int? OptionalInt(string name, string? id = null)
    {
        if (!Properties.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) return (int)d;
        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), out var s)) return s;
        throw Error($"property \"{name}\" must be an integer, not {v.GetRawText()}", id);
    }
}

/// <summary>Reads a GeoJSON FeatureCollection file, validating what every GridGeo input needs.</summary>
public static class FeatureFile
{
    /// <summary>
    /// Reads all features of <paramref name="path"/>. Throws <see cref="BadInputException"/> naming the
    /// file and feature for: an unreadable file, text that is not a FeatureCollection, a feature with no
    /// or an unparsable geometry, coordinates outside the lon/lat range (unless <paramref name="requireLonLat"/> is false:
    /// a file in projected coordinates, named by <c>--crs</c>, that the caller converts).
    /// </summary>
    public static IReadOnlyList<FeatureRecord> Read(string path, bool requireLonLat = true)
    {
        var name = Path.GetFileName(path);
        JsonDocument doc;
        try
        {
            using var stream = File.OpenRead(path);
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 256 });
        }
        catch (IOException ex) { throw new BadInputException(name, null, $"cannot read the file ({ex.Message})"); }
        catch (UnauthorizedAccessException ex) { throw new BadInputException(name, null, $"cannot read the file ({ex.Message})"); }
        catch (JsonException ex) { throw new BadInputException(name, ex.LineNumber is { } l ? $"line {l + 1}" : null, $"not valid JSON ({ex.Message.Split('.')[0]})"); }

        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() != "FeatureCollection"
            || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            throw new BadInputException(name, null, "must be a GeoJSON FeatureCollection with a \"features\" array");

        var result = new List<FeatureRecord>(features.GetArrayLength());
        var number = 0;
        foreach (var f in features.EnumerateArray())
        {
            number++;
            var label = $"feature {number}";
            if (f.ValueKind != JsonValueKind.Object) throw new BadInputException(name, label, "a feature must be an object");
            var props = f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : EmptyObject;
            if (props.TryGetProperty("id", out var idv) && idv.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                label = $"feature {number} (id \"{(idv.ValueKind == JsonValueKind.String ? idv.GetString() : idv.GetRawText())}\")";
            if (!f.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
                throw new BadInputException(name, label, "the feature has no geometry");
            Geometry geometry;
            try { geometry = GeoJsonGeometry.Read(g, lonLat: requireLonLat); }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
            { throw new BadInputException(name, label, $"invalid geometry: {ex.Message}"); }
            foreach (var c in requireLonLat ? geometry.Coordinates : [])
            {
                if (!(c.X >= -180 && c.X <= 180 && c.Y >= -90 && c.Y <= 90))
                    throw new BadInputException(name, label, $"coordinate ({c.X}, {c.Y}) is outside the lon/lat range (lon −180..180, lat −90..90); the bundle must be WGS84 lon/lat");
            }
            result.Add(new FeatureRecord(number, geometry, props.Clone(), name));
        }
        return result;
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;
}

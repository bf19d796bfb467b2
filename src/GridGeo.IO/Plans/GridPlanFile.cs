using System.Text.Json;
using GridGeo.Core;
using GridGeo.Core.Model;
using GridGeo.IO.GeoJson;

namespace GridGeo.IO.Plans;

/// <summary>
/// The grid plan file <c>grids.geojson</c> (contract §2): one Feature per grid with properties
/// code, community_code, kind, dedicated_kind, households, buildings.
/// </summary>
public static class GridPlanFile
{
    public static void Write(string path, IEnumerable<Grid> grids)
    {
        using var stream = File.Create(path);
        Write(stream, grids);
    }

    public static void Write(Stream stream, IEnumerable<Grid> grids) => FeatureCollectionWriter.WriteAll(stream, grids, WriteFeature);

    public static void WriteFeature(Utf8JsonWriter w, Grid g)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteString("id", g.Code);
        w.WritePropertyName("geometry");
        GeoJsonGeometry.Write(w, g.Boundary);
        w.WriteStartObject("properties");
        WriteProperties(w, g);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The contract §2 properties of a grid (code, community_code, kind, dedicated_kind, households, buildings).</summary>
    public static void WriteProperties(Utf8JsonWriter w, Grid g)
    {
        w.WriteString("code", g.Code);
        w.WriteString("community_code", g.CommunityCode);
        w.WriteString("kind", g.Kind);
        if (g.DedicatedKind is null) w.WriteNull("dedicated_kind");
        else w.WriteString("dedicated_kind", g.DedicatedKind);
        w.WriteNumber("households", g.Households);
        w.WriteStartArray("buildings");
        foreach (var b in g.Buildings) w.WriteStringValue(b);
        w.WriteEndArray();
    }

    /// <summary>Reads a plan file; a missing or malformed property is a <see cref="BadInputException"/>.</summary>
    public static IReadOnlyList<Grid> Read(string path)
    {
        var result = new List<Grid>();
        var seen = new HashSet<string>();
        foreach (var f in FeatureFile.Read(path))
        {
            var code = f.RequiredString("code");
            if (!AdminCodes.IsGridCode(code)) throw f.Error($"\"code\" must be a 15-digit grid code, not \"{code}\"", code);
            if (!seen.Add(code)) throw f.Error($"duplicate grid code {code}", code);
            var community = f.OptionalString("community_code") ?? AdminCodes.CommunityOf(code);
            var kind = f.OptionalString("kind") ?? GridKinds.Basic;
            if (kind is not (GridKinds.Basic or GridKinds.Dedicated))
                throw f.Error($"\"kind\" must be basic or dedicated, not \"{kind}\"", code);
            if (f.Geometry is not (NetTopologySuite.Geometries.Polygon or NetTopologySuite.Geometries.MultiPolygon))
                throw f.Error($"geometry must be a Polygon or MultiPolygon, not {f.Geometry.GeometryType}", code);
            var buildings = new List<string>();
            if (f.Properties.TryGetProperty("buildings", out var arr) && arr.ValueKind == JsonValueKind.Array)
                buildings.AddRange(arr.EnumerateArray().Select(e => e.GetString() ?? ""));
            result.Add(new Grid(code, community, kind, f.OptionalString("dedicated_kind"), f.OptionalInt("households", code) ?? 0, buildings, f.Geometry));
        }
        return result;
    }
}

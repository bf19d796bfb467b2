using System.Text.Json;
using GridGeo.Core;
using GridGeo.Core.Model;
using GridGeo.IO.GeoJson;

namespace GridGeo.IO.Plans;

/// <summary>
/// The liaison unit file <c>liaison_units.geojson</c> (contract §2): one Feature per liaison unit with
/// properties code (grid code + 3 digits), grid_code, households and members (household ids).
/// </summary>
public static class LiaisonUnitFile
{
    public static void Write(string path, IEnumerable<LiaisonUnit> units)
    {
        using var stream = File.Create(path);
        Write(stream, units);
    }

    public static void Write(Stream stream, IEnumerable<LiaisonUnit> units) => FeatureCollectionWriter.WriteAll(stream, units, WriteFeature);

    public static void WriteFeature(Utf8JsonWriter w, LiaisonUnit u)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteString("id", u.Code);
        w.WritePropertyName("geometry");
        if (u.Boundary is null) w.WriteNullValue();
        else GeoJsonGeometry.Write(w, u.Boundary);
        w.WriteStartObject("properties");
        w.WriteString("code", u.Code);
        w.WriteString("grid_code", u.GridCode);
        w.WriteNumber("households", u.Households);
        w.WriteStartArray("members");
        foreach (var m in u.Members) w.WriteStringValue(m);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Reads a liaison unit file; a missing or malformed property is a <see cref="BadInputException"/>.</summary>
    public static IReadOnlyList<LiaisonUnit> Read(string path)
    {
        var result = new List<LiaisonUnit>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in FeatureFile.Read(path))
        {
            var code = f.RequiredString("code");
            if (code.Length != AdminCodes.LiaisonUnitLength || !code.All(char.IsAsciiDigit))
                throw f.Error($"\"code\" must be an 18-digit liaison unit code, not \"{code}\"", code);
            if (!seen.Add(code)) throw f.Error($"duplicate liaison unit code {code}", code);
            var grid = f.OptionalString("grid_code") ?? code[..AdminCodes.GridLength];
            if (!code.StartsWith(grid, StringComparison.Ordinal))
                throw f.Error($"code {code} must begin with its grid code {grid}", code);
            var members = new List<string>();
            if (f.Properties.TryGetProperty("members", out var arr) && arr.ValueKind == JsonValueKind.Array)
                members.AddRange(arr.EnumerateArray().Select(e => e.GetString() ?? ""));
            var households = f.OptionalInt("households", code) ?? members.Count;
            result.Add(new LiaisonUnit(code, grid, households, members, f.Geometry));
        }
        return result;
    }
}

using System.Text.Json;

namespace GridGeo.IO.Layers;

/// <summary>
/// Turns a shapefile's or GeoPackage's attribute values into the JSON properties object a <see cref="GeoJson.FeatureRecord"/>
/// carries, so that one set of bundle rules reads every format. Field names are matched to the contract's property names
/// case-insensitively, and a dBASE name cut to 10 characters (<c>community_</c>, <c>street_cod</c>, as GDAL and ArcGIS
/// write them) stands for the property it begins. An empty text value in a shapefile is absent (dBASE has no null).
/// </summary>
public static class LayerAttributes
{
    /// <summary>Every property name of the bundle layers (contract §1).</summary>
    public static readonly IReadOnlyList<string> ContractNames =
    [
        "code", "name", "street_code", "street_name", "county_name", "id", "households", "units", "floors",
        "compound_id", "community_code", "dedicated_id", "address", "kind",
    ];

    /// <summary>The longest field name a dBASE table holds.</summary>
    public const int DbfNameLength = 10;

    /// <summary>
    /// The dBASE field names GridGeo writes for properties longer than <see cref="DbfNameLength"/> characters; read back,
    /// they stand for the property again.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ShortNames = new Dictionary<string, string>
    {
        ["community_code"] = "comm_code", ["dedicated_kind"] = "ded_kind", ["street_code"] = "street_cd", ["street_name"] = "street_nm",
        ["county_name"] = "county_nm", ["compound_id"] = "compnd_id", ["dedicated_id"] = "ded_id", ["grid_code"] = "grid_code",
    };

    /// <summary>The dBASE field name of <paramref name="property"/>: its <see cref="ShortNames"/> entry, else cut to 10 characters.</summary>
    public static string DbfName(string property) =>
        ShortNames.TryGetValue(property, out var s) ? s : property.Length <= DbfNameLength ? property : property[..DbfNameLength];

    /// <summary>The contract name <paramref name="field"/> stands for, else the field name as it is.</summary>
    public static string PropertyName(string field)
    {
        foreach (var name in ContractNames)
            if (string.Equals(name, field, StringComparison.OrdinalIgnoreCase)) return name;
        foreach (var (name, shortName) in ShortNames)
            if (string.Equals(shortName, field, StringComparison.OrdinalIgnoreCase)) return name;
        if (field.Length == DbfNameLength)
        {
            foreach (var name in ContractNames)
                if (name.Length > DbfNameLength && name.StartsWith(field, StringComparison.OrdinalIgnoreCase)) return name;
        }
        return field;
    }

    /// <summary>
    /// The properties object of one feature: values are strings, whole numbers, floating numbers, booleans or dates (as
    /// ISO text); null values are left out, and so are empty strings when <paramref name="emptyIsNull"/>.
    /// </summary>
    public static JsonElement ToJson(IEnumerable<KeyValuePair<string, object?>> values, bool emptyIsNull)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            var written = new HashSet<string>();
            foreach (var (field, value) in values)
            {
                var name = PropertyName(field);
                if (!written.Add(name)) continue;
                switch (value)
                {
                    case null or DBNull or byte[]:
                        break;
                    case string s when emptyIsNull && s.Trim().Length == 0:
                        break;
                    case string s:
                        w.WriteString(name, s.TrimEnd());
                        break;
                    case double d when double.IsNaN(d) || double.IsInfinity(d):
                        break;
                    case double d when d == Math.Floor(d) && Math.Abs(d) < 9e15:
                        w.WriteNumber(name, (long)d);
                        break;
                    case double d:
                        w.WriteNumber(name, d);
                        break;
                    case float f:
                        w.WriteNumber(name, f);
                        break;
                    case decimal m when m == decimal.Truncate(m):
                        w.WriteNumber(name, (long)m);
                        break;
                    case decimal m:
                        w.WriteNumber(name, m);
                        break;
                    case int or long or short or byte:
                        w.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case bool b:
                        w.WriteBoolean(name, b);
                        break;
                    case DateTime t:
                        w.WriteString(name, t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        w.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
            w.WriteEndObject();
        }
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}

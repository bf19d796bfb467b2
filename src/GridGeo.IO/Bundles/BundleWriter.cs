using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridGeo.Core.Model;
using GridGeo.IO.Csv;
using GridGeo.IO.GeoJson;

namespace GridGeo.IO.Bundles;

/// <summary>
/// Writes a <see cref="DistrictBundle"/> as a bundle folder in contract §1 form, the files
/// <see cref="BundleReader"/> reads: communities, buildings, compounds, dedicated areas and barriers as
/// RFC 7946 GeoJSON, and households.csv (UTF-8, RFC 4180) when the bundle has household rows.
/// Everything is streamed, so a bundle of a million households never sits in memory as text.
/// </summary>
public static class BundleWriter
{
    private const int FlushBytes = 1 << 16;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string directory, DistrictBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        Directory.CreateDirectory(directory);
        WriteFeatures(Path.Combine(directory, BundleReader.CommunitiesFile), bundle.Communities, c => c.Boundary, (w, c) =>
        {
            w.WriteString("code", c.Code);
            w.WriteString("name", c.Name);
            w.WriteString("street_code", c.StreetCode);
            if (c.StreetName is not null) w.WriteString("street_name", c.StreetName);
            if (c.CountyName is not null) w.WriteString("county_name", c.CountyName);
        });
        WriteFeatures(Path.Combine(directory, BundleReader.BuildingsFile), bundle.Buildings, b => b.Location, (w, b) =>
        {
            w.WriteString("id", b.Id);
            w.WriteNumber("households", b.Households);
            w.WriteNumber("units", b.Units);
            w.WriteNumber("floors", b.Floors);
            if (b.CompoundId is not null) w.WriteString("compound_id", b.CompoundId);
            if (b.CommunityCode is not null) w.WriteString("community_code", b.CommunityCode);
            if (b.DedicatedId is not null) w.WriteString("dedicated_id", b.DedicatedId);
            if (b.Address is not null) w.WriteString("address", b.Address);
        });
        WriteFeatures(Path.Combine(directory, BundleReader.CompoundsFile), bundle.CompoundList, c => c.Boundary, (w, c) =>
        {
            w.WriteString("id", c.Id);
            w.WriteString("name", c.Name);
            if (c.CommunityCode is not null) w.WriteString("community_code", c.CommunityCode);
        });
        WriteFeatures(Path.Combine(directory, BundleReader.DedicatedFile), bundle.DedicatedList, d => d.Boundary, (w, d) =>
        {
            w.WriteString("id", d.Id);
            w.WriteString("kind", d.Kind);
            w.WriteString("name", d.Name);
            if (d.CommunityCode is not null) w.WriteString("community_code", d.CommunityCode);
        });
        WriteFeatures(Path.Combine(directory, BundleReader.BarriersFile), bundle.BarrierList, b => b.Line, (w, b) => w.WriteString("kind", b.Kind));

        var households = Path.Combine(directory, BundleReader.HouseholdsFile);
        if (bundle.Households is not null) WriteHouseholds(households, bundle.Households);
        else if (File.Exists(households)) File.Delete(households);
    }

    private static void WriteFeatures<T>(string path, IEnumerable<T> items, Func<T, NetTopologySuite.Geometries.Geometry> geometry,
        Action<Utf8JsonWriter, T> properties)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, FlushBytes);
        using var w = new Utf8JsonWriter(stream, JsonOptions);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WritePropertyName("geometry");
            GeoJsonGeometry.Write(w, geometry(item));
            w.WriteStartObject("properties");
            properties(w, item);
            w.WriteEndObject();
            w.WriteEndObject();
            if (w.BytesPending > FlushBytes) w.Flush();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>households.csv: header <c>id,building_id,unit,floor,room,lon,lat,address</c>, one row per household.</summary>
    public static void WriteHouseholds(string path, IEnumerable<Household> households)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FlushBytes);
        writer.NewLine = "\n";
        writer.WriteLine("id,building_id,unit,floor,room,lon,lat,address");
        Span<char> number = stackalloc char[32];
        foreach (var h in households)
        {
            writer.Write(CsvLine.Escape(h.Id));
            writer.Write(',');
            writer.Write(CsvLine.Escape(h.BuildingId));
            writer.Write(',');
            WriteNumber(writer, h.Unit, number);
            writer.Write(',');
            WriteNumber(writer, h.Floor, number);
            writer.Write(',');
            writer.Write(CsvLine.Escape(h.Room));
            writer.Write(',');
            WriteCoordinate(writer, h.Lon, number);
            writer.Write(',');
            WriteCoordinate(writer, h.Lat, number);
            writer.Write(',');
            writer.Write(CsvLine.Escape(h.Address));
            writer.Write('\n');
        }
    }

    private static void WriteNumber(StreamWriter writer, int value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..n]);
    }

    private static void WriteCoordinate(StreamWriter writer, double value, Span<char> buffer)
    {
        Math.Round(value, GeoJsonGeometry.Decimals).TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture);
        writer.Write(buffer[..n]);
    }
}

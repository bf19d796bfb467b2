using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace GridGeo.IO.GeoJson;

/// <summary>
/// Writes an RFC 7946 FeatureCollection to a stream one feature at a time, flushing every 64 KiB, so that memory
/// stays flat however many features go out. Geometries go through <see cref="GeoJsonGeometry"/> (7 decimals,
/// counter-clockwise exteriors, no <c>crs</c> member), after the optional <c>transform</c> (e.g. a GCJ-02 offset).
/// Call <see cref="WriteStart"/>, then <see cref="WriteFeatureAsync"/> per feature, then <see cref="WriteEndAsync"/>.
/// </summary>
public sealed class FeatureCollectionWriter(Stream stream, Func<Geometry, Geometry>? transform = null) : IAsyncDisposable
{
    private const int FlushBytes = 1 << 16;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Utf8JsonWriter _w = new(stream, Options);

    /// <summary>
    /// Writes <paramref name="items"/> as one FeatureCollection, each Feature by <paramref name="writeFeature"/>,
    /// flushing every 64 KiB (the plan files of the command line).
    /// </summary>
    public static void WriteAll<T>(Stream stream, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFeature)
    {
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        foreach (var item in items)
        {
            writeFeature(w, item);
            if (w.BytesPending > FlushBytes) w.Flush();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Features written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Opens the collection; <paramref name="leadingMembers"/> writes top-level members before <c>features</c>.</summary>
    public void WriteStart(Action<Utf8JsonWriter>? leadingMembers = null)
    {
        _w.WriteStartObject();
        _w.WriteString("type", "FeatureCollection");
        leadingMembers?.Invoke(_w);
        _w.WriteStartArray("features");
    }

    /// <summary>
    /// One Feature: <paramref name="id"/> (or none), the geometry (or null) and the properties named
    /// <paramref name="names"/> with <paramref name="values"/> (see <see cref="WriteValue"/>), then <paramref name="extra"/>.
    /// </summary>
    public async ValueTask WriteFeatureAsync(string? id, Geometry? geometry, IReadOnlyList<string> names, IReadOnlyList<object?> values,
        Action<Utf8JsonWriter>? extra = null, CancellationToken ct = default)
    {
        WriteFeature(_w, id, geometry is null || transform is null ? geometry : transform(geometry), names, values, extra);
        Count++;
        if (_w.BytesPending > FlushBytes) await _w.FlushAsync(ct);
    }

    /// <summary>Closes the collection; <paramref name="trailingMembers"/> writes top-level members after <c>features</c>.</summary>
    public async Task WriteEndAsync(Action<Utf8JsonWriter>? trailingMembers = null, CancellationToken ct = default)
    {
        _w.WriteEndArray();
        trailingMembers?.Invoke(_w);
        _w.WriteEndObject();
        await _w.FlushAsync(ct);
    }

    /// <summary>
    /// Writes one Feature object (no transform) to <paramref name="w"/>; <paramref name="extra"/> adds properties,
    /// <paramref name="members"/> adds members of the Feature itself (e.g. OGC <c>links</c>).
    /// </summary>
    public static void WriteFeature(Utf8JsonWriter w, string? id, Geometry? geometry, IReadOnlyList<string> names, IReadOnlyList<object?> values,
        Action<Utf8JsonWriter>? extra = null, Action<Utf8JsonWriter>? members = null)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        if (id is not null) w.WriteString("id", id);
        w.WritePropertyName("geometry");
        if (geometry is null) w.WriteNullValue();
        else GeoJsonGeometry.Write(w, geometry);
        w.WriteStartObject("properties");
        for (var i = 0; i < names.Count; i++) WriteValue(w, names[i], values[i]);
        extra?.Invoke(w);
        w.WriteEndObject();
        members?.Invoke(w);
        w.WriteEndObject();
    }

    /// <summary>Writes a property whose value is null, a string, a whole or real number, a bool or a string array.</summary>
    public static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(name); break;
            case string s: w.WriteString(name, s); break;
            case int i: w.WriteNumber(name, i); break;
            case long l: w.WriteNumber(name, l); break;
            case short h: w.WriteNumber(name, h); break;
            case double d: w.WriteNumber(name, d); break;
            case float f: w.WriteNumber(name, f); break;
            case bool b: w.WriteBoolean(name, b); break;
            case string[] list:
                w.WriteStartArray(name);
                foreach (var item in list) w.WriteStringValue(item);
                w.WriteEndArray();
                break;
            default: throw new ArgumentException($"property \"{name}\" has a value of type {value.GetType().Name}, which GeoJSON export does not write");
        }
    }

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();
}

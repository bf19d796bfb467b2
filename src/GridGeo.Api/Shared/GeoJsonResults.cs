using System.Text.Encodings.Web;
using System.Text.Json;
using GridGeo.IO.GeoJson;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Shared;

/// <summary>
/// Writes RFC 7946 GeoJSON responses (<c>application/geo+json</c>) straight to the response stream:
/// a Feature per item with its id, geometry (<see cref="GeoJsonGeometry"/>: WGS84, 7 decimals, CCW
/// exteriors) and the properties the caller writes. Features are flushed as they go, so a large
/// collection is never held as one string.
/// </summary>
public static class GeoJsonResults
{
    public const string ContentType = "application/geo+json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A FeatureCollection of <paramref name="items"/>; <paramref name="foreignMembers"/> adds top-level members (e.g. <c>"truncated"</c>).</summary>
    public static IResult FeatureCollection<T>(IEnumerable<T> items, FeatureShape<T> shape, Action<Utf8JsonWriter>? foreignMembers = null) =>
        new StreamedJson(async (stream, ct) =>
        {
            await using var w = new Utf8JsonWriter(stream, WriterOptions);
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            foreignMembers?.Invoke(w);
            w.WriteStartArray("features");
            foreach (var item in items)
            {
                WriteFeature(w, item, shape);
                if (w.BytesPending > 1 << 16) await w.FlushAsync(ct);
            }
            w.WriteEndArray();
            w.WriteEndObject();
            await w.FlushAsync(ct);
        }, ContentType);

    /// <summary>One Feature, with optional extra headers (an ETag).</summary>
    public static IResult Feature<T>(T item, FeatureShape<T> shape, string? etag = null) =>
        new StreamedJson(async (stream, ct) =>
        {
            await using var w = new Utf8JsonWriter(stream, WriterOptions);
            WriteFeature(w, item, shape);
            await w.FlushAsync(ct);
        }, ContentType, etag);

    public static void WriteFeature<T>(Utf8JsonWriter w, T item, FeatureShape<T> shape)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        var id = shape.Id(item);
        if (id is not null) w.WriteString("id", id);
        w.WritePropertyName("geometry");
        var geometry = shape.Geometry(item);
        if (geometry is null) w.WriteNullValue();
        else GeoJsonGeometry.Write(w, geometry);
        w.WriteStartObject("properties");
        shape.Properties(w, item);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private sealed class StreamedJson(Func<Stream, CancellationToken, Task> write, string contentType, string? etag = null) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = contentType;
            if (etag is not null) http.Response.Headers.ETag = etag;
            await write(http.Response.Body, http.RequestAborted);
        }
    }
}

/// <summary>How an item becomes a GeoJSON Feature: its id (or null), its geometry (or null) and a writer for its properties.</summary>
public sealed record FeatureShape<T>(Func<T, string?> Id, Func<T, Geometry?> Geometry, Action<Utf8JsonWriter, T> Properties);

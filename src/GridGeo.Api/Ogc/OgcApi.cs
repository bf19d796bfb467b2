using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridGeo.Api.Shared;
using GridGeo.IO.GeoJson;
using GridGeo.Storage.Layers;

namespace GridGeo.Api.Ogc;

/// <summary>
/// OGC API – Features – Part 1 (Core, GeoJSON, OpenAPI 3.0) under <c>/ogc</c>, over the published
/// <see cref="FeatureLayer"/>s: the landing page, <c>/conformance</c>, <c>/collections</c>,
/// <c>/collections/{id}</c>, <c>/collections/{id}/items</c> (bbox, limit, offset paging with next/prev links,
/// numberMatched and numberReturned) and <c>/collections/{id}/items/{featureId}</c>. CORS is open to every
/// origin (read-only data). The API definition is the service's OpenAPI 3 document at <c>/swagger/v1/swagger.json</c>.
/// </summary>
public static class OgcApi
{
    public const string CorsPolicy = "ogc";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Registers the CORS policy of <c>/ogc</c>.</summary>
    public static IServiceCollection AddOgcApi(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "HEAD", "OPTIONS")));

    public static IEndpointRouteBuilder MapOgcApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ogc").WithTags("OGC API - Features").RequireCors(CorsPolicy);

        group.MapGet("", (HttpRequest request, string? f) => CheckedJson(request, w => WriteLanding(w, request)))
            .WithSummary("landing page: links to the API definition, conformance and collections");
        group.MapGet("/conformance", (HttpRequest request, string? f) => CheckedJson(request, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("conformsTo");
                foreach (var c in OgcConformance.Classes) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteEndObject();
            }))
            .WithSummary("the conformance classes implemented");

        group.MapGet("/collections", async (HttpRequest request, string? f, LayerStore store, CancellationToken ct) =>
            {
                var error = OgcParameters.CheckResource(request);
                if (error is not null) return error;
                var extents = new List<(FeatureLayer, NetTopologySuite.Geometries.Envelope?)>();
                foreach (var layer in FeatureLayer.All) extents.Add((layer, await store.ExtentAsync(layer, ct)));
                return Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("links");
                    OgcLinks.Write(w, OgcLinks.Self(request), "self", OgcLinks.Json, "the collections");
                    w.WriteEndArray();
                    w.WriteStartArray("collections");
                    foreach (var (layer, extent) in extents) WriteCollection(w, request, layer, extent);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            })
            .WithSummary("the feature collections: grids, liaison-units, buildings, dedicated-areas, communities");

        group.MapGet("/collections/{collectionId}", async (HttpRequest request, string collectionId, string? f, LayerStore store, CancellationToken ct) =>
            {
                var error = OgcParameters.CheckResource(request);
                if (error is not null) return error;
                var layer = FeatureLayer.Find(collectionId);
                if (layer is null) return UnknownCollection(collectionId);
                var extent = await store.ExtentAsync(layer, ct);
                return Json(w => WriteCollection(w, request, layer, extent));
            })
            .WithSummary("one feature collection")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/collections/{collectionId}/items", async (HttpRequest request, string collectionId, string? f, string? bbox, string? limit,
                string? offset, string? datetime, LayerStore store, CancellationToken ct) =>
            {
                var error = OgcParameters.CheckResource(request, items: true);
                if (error is not null) return error;
                var layer = FeatureLayer.Find(collectionId);
                if (layer is null) return UnknownCollection(collectionId);
                var (page, bad) = OgcParameters.ParseItems(request);
                if (bad is not null) return bad;
                var query = new LayerQuery(Box: page!.Box, Limit: page.Limit, Offset: page.Offset);
                var matched = await store.CountAsync(layer, query, ct);
                return Results.Stream(stream => WriteItemsAsync(stream, request, layer, store, query, matched, page), OgcLinks.GeoJson);
            })
            .WithSummary($"the features of a collection, {OgcParameters.DefaultLimit} per page by default (limit ≤ {OgcParameters.MaxLimit}), filtered by bbox; next/prev links page by offset")
            .Produces(StatusCodes.Status200OK, contentType: OgcLinks.GeoJson)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/collections/{collectionId}/items/{featureId}", async (HttpRequest request, string collectionId, string featureId, string? f,
                LayerStore store, CancellationToken ct) =>
            {
                var error = OgcParameters.CheckResource(request);
                if (error is not null) return error;
                var layer = FeatureLayer.Find(collectionId);
                if (layer is null) return UnknownCollection(collectionId);
                var row = await store.GetAsync(layer, featureId, ct);
                if (row is null) return ApiProblems.NotFound($"collection {collectionId} has no feature with id \"{featureId}\"");
                var collection = $"{OgcLinks.Root(request)}/collections/{layer.Name}";
                return Json(w => FeatureCollectionWriter.WriteFeature(w, row.Id, row.Geometry, layer.PropertyNames, row.Values, members: m =>
                    {
                        m.WriteStartArray("links");
                        OgcLinks.Write(m, OgcLinks.Self(request), "self", OgcLinks.GeoJson, "this feature");
                        OgcLinks.Write(m, collection, "collection", OgcLinks.Json, layer.Title);
                        m.WriteEndArray();
                    }), OgcLinks.GeoJson);
            })
            .WithSummary("one feature by id (grid and community code, liaison unit code, building and dedicated area id)")
            .Produces(StatusCodes.Status200OK, contentType: OgcLinks.GeoJson)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task WriteItemsAsync(Stream stream, HttpRequest request, FeatureLayer layer, LayerStore store, LayerQuery query,
        long matched, ItemsRequest page)
    {
        var ct = request.HttpContext.RequestAborted;
        await using var writer = new FeatureCollectionWriter(stream);
        writer.WriteStart(w =>
        {
            w.WriteString("timeStamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteNumber("numberMatched", matched);
            w.WriteStartArray("links");
            OgcLinks.Write(w, OgcLinks.Self(request), "self", OgcLinks.GeoJson, "this page");
            if (page.Offset + page.Limit < matched)
                OgcLinks.Write(w, OgcLinks.Page(request, page.Offset + page.Limit, page.Limit), "next", OgcLinks.GeoJson, "next page");
            if (page.Offset > 0)
                OgcLinks.Write(w, OgcLinks.Page(request, Math.Max(0, page.Offset - page.Limit), page.Limit), "prev", OgcLinks.GeoJson, "previous page");
            OgcLinks.Write(w, $"{OgcLinks.Root(request)}/collections/{layer.Name}", "collection", OgcLinks.Json, layer.Title);
            w.WriteEndArray();
        });
        await foreach (var row in store.ReadAsync(layer, query, ct))
            await writer.WriteFeatureAsync(row.Id, row.Geometry, layer.PropertyNames, row.Values, ct: ct);
        var returned = writer.Count;
        await writer.WriteEndAsync(w => w.WriteNumber("numberReturned", returned), ct);
    }

    private static void WriteLanding(Utf8JsonWriter w, HttpRequest request)
    {
        var root = OgcLinks.Root(request);
        var server = OgcLinks.Server(request);
        w.WriteStartObject();
        w.WriteString("title", "GridGeo");
        w.WriteString("description", "Grids (网格) for community governance and the data they are drawn from, as OGC API – Features.");
        w.WriteStartArray("links");
        OgcLinks.Write(w, root, "self", OgcLinks.Json, "this document");
        OgcLinks.Write(w, $"{server}/swagger/v1/swagger.json", "service-desc", OgcLinks.OpenApi, "the API definition (OpenAPI 3)");
        OgcLinks.Write(w, $"{server}/swagger", "service-doc", "text/html", "the API documentation");
        OgcLinks.Write(w, $"{root}/conformance", "conformance", OgcLinks.Json, "conformance classes implemented");
        OgcLinks.Write(w, $"{root}/collections", "data", OgcLinks.Json, "the feature collections");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCollection(Utf8JsonWriter w, HttpRequest request, FeatureLayer layer, NetTopologySuite.Geometries.Envelope? extent)
    {
        var href = $"{OgcLinks.Root(request)}/collections/{layer.Name}";
        w.WriteStartObject();
        w.WriteString("id", layer.Name);
        w.WriteString("title", layer.Title);
        w.WriteString("description", layer.Description);
        w.WriteString("itemType", "feature");
        w.WriteStartArray("crs");
        w.WriteStringValue(OgcParameters.Crs84);
        w.WriteEndArray();
        if (extent is not null)
        {
            w.WriteStartObject("extent");
            w.WriteStartObject("spatial");
            w.WriteStartArray("bbox");
            w.WriteStartArray();
            foreach (var v in new[] { extent.MinX, extent.MinY, extent.MaxX, extent.MaxY }) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteString("crs", OgcParameters.Crs84);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteStartArray("links");
        OgcLinks.Write(w, href, "self", OgcLinks.Json, layer.Title);
        OgcLinks.Write(w, $"{href}/items", "items", OgcLinks.GeoJson, $"the {layer.Name}");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static IResult UnknownCollection(string id) =>
        ApiProblems.NotFound($"there is no collection \"{id}\"; collections: {string.Join(", ", FeatureLayer.All.Select(l => l.Name))}");

    private static IResult CheckedJson(HttpRequest request, Action<Utf8JsonWriter> body) =>
        OgcParameters.CheckResource(request) ?? Json(body);

    /// <summary>A JSON body written by <paramref name="body"/>.</summary>
    private static IResult Json(Action<Utf8JsonWriter> body, string contentType = OgcLinks.Json) =>
        Results.Stream(async stream =>
        {
            await using var w = new Utf8JsonWriter(stream, WriterOptions);
            body(w);
            await w.FlushAsync();
        }, contentType);
}

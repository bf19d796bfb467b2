using System.Globalization;
using System.Security.Cryptography;
using GridGeo.Api.Ogc;
using GridGeo.Api.Shared;
using GridGeo.Storage.Layers;

namespace GridGeo.Api.Tiles;

/// <summary>
/// Mapbox vector tiles of the published layers: <c>GET /tiles/{layer}/{z}/{x}/{y}.mvt</c> in the Web Mercator
/// (XYZ, EPSG:3857) tile pyramid, made by PostGIS <c>ST_AsMVT</c> from the GiST-indexed WGS84 columns. One MVT
/// layer per tile, named like the layer, with the layer's scalar properties. A tile carries an ETag (a hash of its
/// bytes; <c>If-None-Match</c> gets 304) and <c>Cache-Control: public, max-age=</c><see cref="MaxAgeSeconds"/>;
/// an area with no feature is 204 No Content. Bad z/x/y or an unknown layer is 400/404 problem+json.
/// </summary>
public static class TilesApi
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";
    public const int MaxZoom = 24;

    /// <summary>How long clients and proxies may reuse a tile: grids change only when a plan is published.</summary>
    public const int MaxAgeSeconds = 300;

    public static IEndpointRouteBuilder MapTilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/{layer}/{z}/{x}/{y}.mvt", async (HttpContext http, string layer, string z, string x, string y, LayerStore store,
                CancellationToken ct) =>
            {
                var found = FeatureLayer.Find(layer);
                if (found is null)
                    return ApiProblems.NotFound($"there is no tile layer \"{layer}\"; layers: {string.Join(", ", FeatureLayer.All.Select(l => l.Name))}");
                var (tile, error) = Parse(z, x, y);
                if (error is not null) return error;
                var bytes = await store.TileAsync(found, tile.Z, tile.X, tile.Y, ct);
                var headers = http.Response.Headers;
                headers.CacheControl = $"public, max-age={MaxAgeSeconds}";
                if (bytes.Length == 0) return Results.NoContent();
                var etag = $"\"{Convert.ToHexString(SHA256.HashData(bytes), 0, 12).ToLowerInvariant()}\"";
                headers.ETag = etag;
                if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                return Results.Bytes(bytes, ContentType);
            })
            .WithTags("Tiles")
            .WithSummary("a Mapbox vector tile of grids, liaison-units, buildings, dedicated-areas or communities (XYZ, Web Mercator)")
            .RequireCors(OgcApi.CorsPolicy)
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Checks z within 0…<see cref="MaxZoom"/> and x, y within 0…2^z − 1.</summary>
    public static ((int Z, int X, int Y) Tile, IResult? Error) Parse(string z, string x, string y)
    {
        if (!int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out var zoom) || zoom > MaxZoom)
            return (default, ApiProblems.BadParameter("z", $"must be a whole number within 0…{MaxZoom}, not \"{z}\""));
        var size = 1L << zoom;
        if (!long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var col) || col >= size)
            return (default, ApiProblems.BadParameter("x", $"must be a whole number within 0…{size - 1} at zoom {zoom}, not \"{x}\""));
        if (!long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row >= size)
            return (default, ApiProblems.BadParameter("y", $"must be a whole number within 0…{size - 1} at zoom {zoom}, not \"{y}\""));
        return (((int)zoom, (int)col, (int)row), null);
    }
}

using System.Text.Json;

namespace GridGeo.Api.Ogc;

/// <summary>
/// The absolute links of OGC API – Features responses, made from the request's scheme, host and path base so
/// that they hold behind a proxy that forwards them. A link is written as <c>{href, rel, type, title}</c>.
/// </summary>
public static class OgcLinks
{
    public const string Json = "application/json";
    public const string GeoJson = "application/geo+json";
    public const string OpenApi = "application/vnd.oai.openapi+json;version=3.0";

    /// <summary>The root of the OGC API: <c>…/ogc</c>.</summary>
    public static string Root(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}/ogc";

    /// <summary>The server's own root (for the OpenAPI document and Swagger UI).</summary>
    public static string Server(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}";

    /// <summary>The request's own URL with its query string.</summary>
    public static string Self(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}{r.Path}{r.QueryString}";

    /// <summary>The request's URL with <c>offset</c> and <c>limit</c> set to the given page, other parameters kept.</summary>
    public static string Page(HttpRequest r, long offset, int limit)
    {
        var parts = r.Query.Where(p => p.Key is not ("offset" or "limit"))
            .SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"limit={limit}")
            .Append($"offset={offset}");
        return $"{r.Scheme}://{r.Host}{r.PathBase}{r.Path}?{string.Join('&', parts)}";
    }

    public static void Write(Utf8JsonWriter w, string href, string rel, string type, string? title = null)
    {
        w.WriteStartObject();
        w.WriteString("href", href);
        w.WriteString("rel", rel);
        w.WriteString("type", type);
        if (title is not null) w.WriteString("title", title);
        w.WriteEndObject();
    }
}

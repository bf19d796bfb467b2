using System.Globalization;
using GridGeo.Api.Shared;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Ogc;

/// <summary>
/// The query parameters of the OGC API – Features endpoints and their rules: <c>f</c> (json or geojson; the only
/// encodings served), <c>limit</c> (default <see cref="DefaultLimit"/>; larger than <see cref="MaxLimit"/> is
/// served as <see cref="MaxLimit"/>, as the standard allows), <c>offset</c> (the paging cursor of the next/prev
/// links), <c>bbox</c> (4 numbers, CRS84), <c>bbox-crs</c> (CRS84 only) and <c>datetime</c> (accepted; no layer
/// has a temporal extent). Any other parameter, or a malformed one, is 400 problem+json naming it.
/// </summary>
public static class OgcParameters
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 10_000;
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private static readonly string[] ItemsParameters = ["f", "limit", "offset", "bbox", "bbox-crs", "datetime"];
    private static readonly string[] FormatOnly = ["f"];

    /// <summary>400 for an unknown parameter or an <c>f</c> other than json/geojson, 406 when Accept rules out JSON; else null.</summary>
    public static IResult? CheckResource(HttpRequest request, bool items = false)
    {
        var known = items ? ItemsParameters : FormatOnly;
        foreach (var key in request.Query.Keys)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
                return ApiProblems.BadParameter(key, $"is not a parameter of this resource; known: {string.Join(", ", known)}");
        }
        var f = request.Query["f"].ToString();
        if (f.Length > 0 && f is not ("json" or "geojson"))
            return ApiProblems.BadParameter("f", $"must be json or geojson (the encodings served), not \"{f}\"");
        var accept = request.Headers.Accept.ToString();
        if (f.Length == 0 && accept.Length > 0 && !AcceptsJson(accept))
            return Results.Problem(title: "Not acceptable", detail: $"only JSON and GeoJSON are served; the request accepts \"{accept}\"",
                statusCode: StatusCodes.Status406NotAcceptable);
        return null;
    }

    /// <summary>The paging and filter parameters of <c>/items</c>, or a 400 problem naming the first bad one.</summary>
    public static (ItemsRequest? Request, IResult? Error) ParseItems(HttpRequest request)
    {
        var q = request.Query;
        var limit = DefaultLimit;
        if (q.TryGetValue("limit", out var l))
        {
            if (!int.TryParse(l.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
                return (null, ApiProblems.BadParameter("limit", $"must be a whole number ≥ 1, not \"{l}\""));
            limit = Math.Min(limit, MaxLimit);
        }
        long offset = 0;
        if (q.TryGetValue("offset", out var o) && !long.TryParse(o.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            return (null, ApiProblems.BadParameter("offset", $"must be a whole number ≥ 0, not \"{o}\""));
        if (q.TryGetValue("bbox-crs", out var crs) && crs.ToString() != Crs84)
            return (null, ApiProblems.BadParameter("bbox-crs", $"must be {Crs84} (the only CRS served), not \"{crs}\""));
        Envelope? box = null;
        if (q.TryGetValue("bbox", out var b))
        {
            var (parsed, error) = BboxParameter.Parse(b.ToString());
            if (error is not null) return (null, error);
            if (parsed is null) return (null, ApiProblems.BadParameter("bbox", "needs 4 comma-separated numbers minLon,minLat,maxLon,maxLat"));
            box = parsed;
        }
        return (new ItemsRequest(box, limit, offset), null);
    }

    private static bool AcceptsJson(string accept) =>
        accept.Split(',').Select(a => a.Split(';')[0].Trim().ToLowerInvariant())
            .Any(t => t is "*/*" or "application/*" or "application/json" or "application/geo+json" or "application/schema+json");
}

/// <summary>One page request of <c>/items</c>: optional box, page size and offset.</summary>
public sealed record ItemsRequest(Envelope? Box, int Limit, long Offset);

namespace GridGeo.Api.Auth;

/// <summary>
/// Marks a read whose answer does not depend on who asks (e.g. <c>GET /api/locate</c>) unless the request carries one
/// of <see cref="Parameters"/> (e.g. <c>include=staff</c>, which needs a key): such a request skips authentication
/// altogether — no key is looked up, so none can be guessed there, and the hot path pays nothing for a key sent on
/// every call. See <see cref="CallerFreeReads"/>.
/// </summary>
public sealed class CallerFreeReadMetadata(string[] parameters)
{
    /// <summary>The query parameters that make the answer depend on the caller.</summary>
    public IReadOnlyList<string> Parameters { get; } = parameters;
}

/// <summary>Declares caller-free reads and decides, per request, whether authentication can be skipped.</summary>
public static class CallerFreeReads
{
    /// <summary>Marks a GET endpoint as a <see cref="CallerFreeReadMetadata">caller-free read</see> unless one of <paramref name="parameters"/> is present.</summary>
    public static TBuilder CallerFreeUnless<TBuilder>(this TBuilder endpoint, params string[] parameters) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new CallerFreeReadMetadata(parameters));

    /// <summary>
    /// Whether the request can skip authentication: its endpoint is a caller-free read, none of the endpoint's
    /// caller-dependent parameters is present, and reads do not need a key (<see cref="AuthOptions.RequireKeyForReads"/>).
    /// </summary>
    public static bool SkipsAuthentication(HttpContext http, AuthOptions options)
    {
        if (options.RequireKeyForReads) return false;
        if (http.GetEndpoint()?.Metadata.GetMetadata<CallerFreeReadMetadata>() is not { } read) return false;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return false;
        if (!http.Request.QueryString.HasValue) return true;
        var query = http.Request.Query;
        foreach (var parameter in read.Parameters)
            if (query.ContainsKey(parameter)) return false;
        return true;
    }
}

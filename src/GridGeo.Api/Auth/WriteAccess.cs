using GridGeo.Api.Shared;
using GridGeo.Core;
using Microsoft.AspNetCore.Authorization;

namespace GridGeo.Api.Auth;

/// <summary>Marks a POST (or other non-GET) endpoint that only reads, e.g. <c>POST /api/locate</c>: it follows the read rule.</summary>
public sealed class ReadOnlyEndpointMetadata
{
    public static readonly ReadOnlyEndpointMetadata Instance = new();
}

/// <summary>
/// Marks a non-GET endpoint whose caller is not a planner: it needs a key of any role, and its handler checks the
/// rule named here (e.g. an event step taken by the person it is assigned to). <see cref="WriteAccess"/> leaves it to
/// that rule; the route-enumerating test lists these endpoints and probes them without a key.
/// </summary>
public sealed class OwnWriteRuleMetadata(string rule)
{
    public string Rule { get; } = rule;
}

/// <summary>
/// The one place where writes are guarded. Every endpoint mapped under the root group whose HTTP methods include one
/// other than GET/HEAD/OPTIONS is a write, unless it says <see cref="ReadOnly{TBuilder}"/>; a write gets
/// <see cref="AuthPolicies.Write"/> (a planner or admin key, else 401/403) and the <see cref="StreetGuard"/> filter:
/// a <c>{code}</c> route value must be a grid of the key's streets (403 before the handler runs), and a handler whose
/// streets come from its body or the stored plan must call <see cref="StreetScope.Check"/>; a write answered 2xx
/// without any street check is turned into a 500 and logged (the endpoint-enumerating test finds such a route first).
/// The author of a change is always the key (<see cref="ApiKeyClaims.Who"/>), never a parameter.
/// </summary>
public static class WriteAccess
{
    private static readonly HashSet<string> SafeMethods = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS" };

    /// <summary>Whether an endpoint with these metadata is a write (what <see cref="Guard"/> protects).</summary>
    public static bool IsWrite(IEnumerable<object> metadata)
    {
        if (metadata.OfType<ReadOnlyEndpointMetadata>().Any() || metadata.OfType<OwnWriteRuleMetadata>().Any()) return false;
        var methods = metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods;
        return methods is null || methods.Count == 0 || methods.Any(m => !SafeMethods.Contains(m));
    }

    /// <summary>Applies the write rule to every endpoint mapped under <paramref name="root"/>.</summary>
    public static TBuilder Guard<TBuilder>(this TBuilder root) where TBuilder : IEndpointConventionBuilder
    {
        // Filters must be added by a convention (they are composed before "finally" conventions run), when the endpoint's
        // own metadata such as ReadOnly is not there yet: the filter looks at the finished endpoint when it runs.
        root.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods;
            if (methods is { Count: > 0 } && methods.All(SafeMethods.Contains)) return;
            endpoint.FilterFactories.Add((_, next) => StreetGuard(next));
        });
        root.Finally(endpoint =>
        {
            if (IsWrite(endpoint.Metadata)) endpoint.Metadata.Add(new AuthorizeAttribute(AuthPolicies.Write));
        });
        return root;
    }

    /// <summary>
    /// Marks a write whose caller need not be a planner (<see cref="OwnWriteRuleMetadata"/>): any key is required here, and
    /// the handler enforces <paramref name="rule"/>.
    /// </summary>
    public static TBuilder OwnWriteRule<TBuilder>(this TBuilder endpoint, string rule) where TBuilder : IEndpointConventionBuilder
    {
        endpoint.WithMetadata(new OwnWriteRuleMetadata(rule));
        endpoint.RequireAuthorization();
        return endpoint;
    }

    /// <summary>Marks an endpoint that accepts a body but changes nothing (it follows the read rule).</summary>
    public static TBuilder ReadOnly<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder
    {
        endpoint.WithMetadata(ReadOnlyEndpointMetadata.Instance);
        return endpoint;
    }

    private static EndpointFilterDelegate StreetGuard(EndpointFilterDelegate next) => async context =>
    {
        var http = context.HttpContext;
        if (http.GetEndpoint() is { } endpoint && !IsWrite(endpoint.Metadata)) return await next(context);
        if (http.Request.RouteValues.TryGetValue("code", out var value) && value is string code && AdminCodes.IsGridCode(code))
        {
            if (StreetScope.Check(http, [code]) is { } denied) return denied;
        }
        var result = await next(context);
        if (!StreetScope.WasChecked(http) && IsSuccess(result))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WriteAccess))
                .LogError("the write endpoint {Route} answered without checking the key's streets", http.Request.Path);
            return Results.Problem(title: "Internal error", detail: "this write endpoint did not check the key's streets", statusCode: 500);
        }
        return result;
    };

    private static bool IsSuccess(object? result) =>
        result is not IStatusCodeHttpResult status || (status.StatusCode ?? StatusCodes.Status200OK) is >= 200 and < 300;
}

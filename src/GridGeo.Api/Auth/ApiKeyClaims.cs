using System.Security.Claims;
using GridGeo.Storage.Auth;

namespace GridGeo.Api.Auth;

/// <summary>The claims an API key gives its caller: its name, its role and, for a planner, one claim per street.</summary>
public static class ApiKeyClaims
{
    public const string Street = "gridgeo:street";
    public const string KeyId = "gridgeo:key";

    public static ClaimsPrincipal Principal(ApiKeyIdentity key, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role),
            new(KeyId, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(key.Streets.Select(s => new Claim(Street, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Who made a change, as the audit log records it: <c>key:&lt;name&gt;</c>, or <c>anonymous</c>.</summary>
    public static string Who(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? $"key:{user.Identity.Name}" : "anonymous";
}

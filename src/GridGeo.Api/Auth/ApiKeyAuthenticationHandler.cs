using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using GridGeo.Storage.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GridGeo.Api.Auth;

/// <summary>
/// Authenticates a request by its API key, sent as <c>X-Api-Key: &lt;key&gt;</c> or <c>Authorization: Bearer &lt;key&gt;</c>.
/// No key: no identity (anonymous). An unknown or revoked key: failure, so an endpoint that needs a key answers 401.
/// Challenges and refusals are answered as problem+json: 401 with <c>WWW-Authenticate</c>, 403 naming the role needed.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private static readonly ConditionalWeakTable<ApiKeyIdentity, ClaimsPrincipal> Principals = new();

    /// <summary>The end of every 401: where a key comes from.</summary>
    public const string HowToGetAKey =
        "an administrator issues keys on the server with `gridgeo keys create --name NAME --role reader|planner|admin [--streets CODES]` (see the README, \"API keys\")";

    /// <summary>Whether the request presents an API key at all (valid or not).</summary>
    public static bool PresentsKey(HttpRequest request) => PresentedKey(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey(Request);
        if (key is null) return AuthenticateResult.NoResult();
        // From the in-memory key cache (no database round trip); one principal per key, shared by its requests.
        var identity = await keys.FindAsync(key, Context.RequestAborted);
        if (identity is null) return AuthenticateResult.Fail("the API key is unknown or revoked");
        return AuthenticateResult.Success(new AuthenticationTicket(Principals.GetValue(identity, i => ApiKeyClaims.Principal(i, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"gridgeo\", {HeaderName}";
        var presented = PresentedKey(Request) is not null;
        return Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
            presented ? $"the API key is unknown or revoked; {HowToGetAKey}" : $"this endpoint needs an API key, sent as {HeaderName}: <key> or Authorization: Bearer <key>; {HowToGetAKey}");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden",
            $"the key \"{Context.User.Identity?.Name}\" has the role {RoleOf()}, and this endpoint needs a planner or admin key");

    private string RoleOf() =>
        Context.User.IsInRole(ApiRoles.Admin) ? ApiRoles.Admin : Context.User.IsInRole(ApiRoles.Planner) ? ApiRoles.Planner : ApiRoles.Reader;

    private Task Problem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(Context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString();
        if (!string.IsNullOrWhiteSpace(header)) return header.Trim();
        var auth = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (auth.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return auth[bearer.Length..].Trim();
        return null;
    }
}

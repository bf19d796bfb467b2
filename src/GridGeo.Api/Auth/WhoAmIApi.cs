using GridGeo.Storage.Auth;

namespace GridGeo.Api.Auth;

/// <summary>
/// <c>GET /api/auth/me</c>: who the presented API key is (name, role and, for a planner, its streets), so that the
/// map viewer can check a key when a planner signs in and say what it may edit. 401 without a key or with an unknown
/// or revoked one (problem+json from <see cref="ApiKeyAuthenticationHandler"/>).
/// </summary>
public static class WhoAmIApi
{
    public static IEndpointRouteBuilder MapWhoAmIApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/auth/me", (HttpContext http) =>
            {
                var user = http.User;
                var role = user.IsInRole(ApiRoles.Admin) ? ApiRoles.Admin : user.IsInRole(ApiRoles.Planner) ? ApiRoles.Planner : ApiRoles.Reader;
                return Results.Json(new
                {
                    name = user.Identity?.Name,
                    role,
                    streets = user.FindAll(ApiKeyClaims.Street).Select(c => c.Value).ToArray(),
                    can_edit = role is ApiRoles.Planner or ApiRoles.Admin,
                });
            })
            .RequireAuthorization()
            .WithTags("Auth")
            .WithSummary("the presented API key's name, role and streets (401 without a valid key)")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }
}

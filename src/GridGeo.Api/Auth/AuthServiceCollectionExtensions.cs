using GridGeo.Api.Shared;
using GridGeo.Storage.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace GridGeo.Api.Auth;

/// <summary>Registers API key authentication and the <see cref="AuthPolicies"/>.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>Household-level personal data: a key of any role, unless <see cref="AuthOptions.OpenPersonalData"/>.</summary>
    public static TBuilder RequirePersonalDataAccess<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(AuthPolicies.PersonalData);

    public static IServiceCollection AddGridGeoAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = AuthOptions.From(configuration);
        services.AddSingleton(options);
        services.AddChangeFeed();
        services.AddSingleton<ApiKeyCache>();
        services.AddHostedService<ApiKeyCacheRefresher>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Write, p => p.RequireAuthenticatedUser().RequireRole(ApiRoles.Planner, ApiRoles.Admin))
            .AddPolicy(AuthPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(ApiRoles.Admin))
            .AddPolicy(AuthPolicies.PersonalData, p =>
            {
                if (options.OpenPersonalData) p.RequireAssertion(_ => true);
                else p.RequireAuthenticatedUser();
            })
            // Endpoints without a policy of their own are reads: open, or any key when configured so.
            .SetFallbackPolicy(options.RequireKeyForReads ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build() : null);
        return services;
    }
}

namespace GridGeo.Api.Auth;

/// <summary>
/// The authorization policies. Endpoints without a policy follow the read rule (<see cref="AuthOptions.RequireKeyForReads"/>);
/// an endpoint that changes data carries <c>.RequireAuthorization(AuthPolicies.Write)</c> (planner or admin; a planner
/// is further limited to its streets by <see cref="StreetScope"/>), and administration <see cref="Admin"/>.
/// </summary>
public static class AuthPolicies
{
    public const string Write = "gridgeo-write";
    public const string Admin = "gridgeo-admin";
}

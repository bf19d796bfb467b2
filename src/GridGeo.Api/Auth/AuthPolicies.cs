namespace GridGeo.Api.Auth;

/// <summary>
/// The authorization policies. Endpoints without a policy follow the read rule (<see cref="AuthOptions.RequireKeyForReads"/>);
/// every endpoint that changes data gets <see cref="Write"/> from <see cref="WriteAccess"/> (planner or admin; a planner
/// is further limited to its streets by <see cref="StreetScope"/>), administration <see cref="Admin"/>, and household-level
/// personal data (door plates, the households export) <see cref="PersonalData"/>: any valid key unless
/// <see cref="AuthOptions.OpenPersonalData"/>.
/// </summary>
public static class AuthPolicies
{
    public const string Write = "gridgeo-write";
    public const string Admin = "gridgeo-admin";
    public const string PersonalData = "gridgeo-personal-data";
}

namespace GridGeo.Api.Auth;

/// <summary>
/// Who may call the API, section <c>GridGeo:Auth</c>: <c>RequireKeyForReads</c> (default false) makes every
/// read endpoint ask for a key of any role; writes always need a planner or admin key. <c>OpenPersonalData</c>
/// (default false) lets callers without a key read household-level data (door-plate search, households export),
/// which otherwise needs a key of any role.
/// </summary>
public sealed record AuthOptions(bool RequireKeyForReads, bool OpenPersonalData = false)
{
    public const string Section = "GridGeo:Auth";

    public static AuthOptions From(IConfiguration configuration) =>
        new(configuration.GetValue<bool?>($"{Section}:RequireKeyForReads") ?? false,
            configuration.GetValue<bool?>($"{Section}:OpenPersonalData") ?? false);
}

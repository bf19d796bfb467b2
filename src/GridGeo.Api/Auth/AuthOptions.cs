namespace GridGeo.Api.Auth;

/// <summary>
/// Who may call the API, section <c>GridGeo:Auth</c>: <c>RequireKeyForReads</c> (default false) makes every
/// read endpoint ask for a key of any role; writes always need a planner or admin key.
/// </summary>
public sealed record AuthOptions(bool RequireKeyForReads)
{
    public const string Section = "GridGeo:Auth";

    public static AuthOptions From(IConfiguration configuration) =>
        new(configuration.GetValue<bool?>($"{Section}:RequireKeyForReads") ?? false);
}

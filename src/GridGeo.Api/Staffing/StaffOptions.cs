using GridGeo.Core.Staffing;

namespace GridGeo.Api.Staffing;

/// <summary>
/// Settings of the roster, section <c>GridGeo:Staff</c>: <c>AllowSharedRuralWorker</c> (default false: one grid, one
/// worker) and <c>SmallGridHouseholds</c> (default 300) for <see cref="StaffCoverageOptions"/>;
/// <c>RefuseUnstaffedPublish</c> (default false: publishing only warns) makes publishing a plan 409 when a basic grid
/// would be left without a grid worker; <c>PollSeconds</c> (default 3) how often the in-memory staff directory checks the
/// roster for changes made by other processes.
/// </summary>
public sealed record StaffOptions(StaffCoverageOptions Coverage, bool RefuseUnstaffedPublish, double PollSeconds)
{
    public const string Section = "GridGeo:Staff";

    public static StaffOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        var small = s.GetValue<int?>("SmallGridHouseholds") ?? 300;
        if (small < 1) throw new InvalidOperationException($"{Section}:SmallGridHouseholds must be ≥ 1, not {small}");
        var poll = s.GetValue<double?>("PollSeconds") ?? 3;
        if (poll is <= 0 or > 3600) throw new InvalidOperationException($"{Section}:PollSeconds must be within (0, 3600], not {poll}");
        return new StaffOptions(new StaffCoverageOptions(s.GetValue<bool?>("AllowSharedRuralWorker") ?? false, small),
            s.GetValue<bool?>("RefuseUnstaffedPublish") ?? false, poll);
    }
}

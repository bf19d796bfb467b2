namespace GridGeo.Core.Staffing;

/// <summary>
/// The staffing rules of a street: <c>AllowSharedRuralWorker</c> lets one grid worker serve several basic grids when
/// each is a small rural grid — in a village (a community whose last three code digits are 200 or above, the
/// statistical division codes' range of villagers' committees) with fewer than <c>SmallGridHouseholds</c> households.
/// </summary>
public sealed record StaffCoverageOptions(bool AllowSharedRuralWorker = false, int SmallGridHouseholds = 300)
{
    public static readonly StaffCoverageOptions Default = new();

    /// <summary>Villagers' committees (村委会) are numbered 200–399 (and above) inside a street; residents' committees 001–199.</summary>
    public static bool IsRural(string code) =>
        code.Length >= AdminCodes.CommunityLength && int.TryParse(code.AsSpan(AdminCodes.StreetLength, 3), out var n) && n >= 200;
}

/// <summary>A current grid or liaison unit the coverage rules look at.</summary>
public sealed record CoverageArea(string Code, bool IsLiaisonUnit, bool IsBasic, int Households);

/// <summary>One broken rule: its name, the code (grid, liaison unit or person id) it concerns and a sentence.</summary>
public sealed record StaffingProblem(string Rule, string Code, string Message, IReadOnlyList<long> People);

/// <summary>
/// Checks a street's roster against the staffing rules and reports each failure, never stopping at the first:
/// <c>grid_worker_missing</c> / <c>grid_worker_duplicate</c> (each basic grid exactly one grid worker),
/// <c>grid_worker_shared</c> (a worker on several basic grids, unless they are all small rural grids and the setting allows it),
/// <c>liaison_head_missing</c> / <c>liaison_head_duplicate</c> (each liaison unit one liaison head),
/// <c>assignment_outside_street</c> (a person's assignments lie in their street) and <c>assignment_unknown</c>
/// (an assignment names no current grid or liaison unit).
/// </summary>
public static class StaffCoverageChecker
{
    public static IReadOnlyList<StaffingProblem> Check(IReadOnlyList<CoverageArea> areas, IReadOnlyList<StaffPerson> people, StaffCoverageOptions options)
    {
        var problems = new List<StaffingProblem>();
        var byCode = areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
        var holders = new Dictionary<(string Code, string Role), List<long>>();
        foreach (var p in people)
        foreach (var code in p.Assignments)
        {
            if (code.Length < AdminCodes.StreetLength || AdminCodes.StreetOf(code) != p.Street)
                problems.Add(new StaffingProblem("assignment_outside_street", code,
                    $"{p.Name} (id {p.Id}) belongs to street {p.Street} but serves {code}, in another street", [p.Id]));
            else if (!byCode.ContainsKey(code))
                problems.Add(new StaffingProblem("assignment_unknown", code, $"{p.Name} (id {p.Id}) serves {code}, which is no current grid or liaison unit", [p.Id]));
            var key = (code, p.Role);
            if (!holders.TryGetValue(key, out var list)) holders[key] = list = [];
            list.Add(p.Id);
        }

        foreach (var a in areas.OrderBy(a => a.Code, StringComparer.Ordinal))
        {
            if (a.IsLiaisonUnit) Exactly(a, StaffRoles.LiaisonHead, "liaison unit", "liaison_head");
            else if (a.IsBasic) Exactly(a, StaffRoles.GridWorker, "basic grid", "grid_worker");
        }

        foreach (var p in people.Where(p => p.Role == StaffRoles.GridWorker))
        {
            var grids = p.Assignments.Where(c => byCode.TryGetValue(c, out var a) && a.IsBasic && !a.IsLiaisonUnit).Select(c => byCode[c]).ToList();
            if (grids.Count < 2) continue;
            var allowed = options.AllowSharedRuralWorker && grids.All(g => StaffCoverageOptions.IsRural(g.Code) && g.Households < options.SmallGridHouseholds);
            if (!allowed)
                problems.Add(new StaffingProblem("grid_worker_shared", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{p.Name} (id {p.Id}) is the grid worker of {grids.Count} basic grids ({string.Join(", ", grids.Select(g => g.Code))}); " +
                    (options.AllowSharedRuralWorker
                        ? $"only small rural grids (in a village, under {options.SmallGridHouseholds} households each) may share a worker"
                        : "one grid, one worker (sharing is off: GridGeo:Staff:AllowSharedRuralWorker)"), [p.Id]));
        }
        return problems;

        void Exactly(CoverageArea a, string role, string what, string rule)
        {
            var list = holders.GetValueOrDefault((a.Code, role)) ?? [];
            if (list.Count == 0)
                problems.Add(new StaffingProblem($"{rule}_missing", a.Code, $"{what} {a.Code} ({a.Households} households) has no {role}", []));
            else if (list.Count > 1)
                problems.Add(new StaffingProblem($"{rule}_duplicate", a.Code, $"{what} {a.Code} has {list.Count} people as {role} (ids {string.Join(", ", list)}); it needs exactly one", list));
        }
    }
}

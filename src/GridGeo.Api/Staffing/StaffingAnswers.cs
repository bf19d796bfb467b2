using GridGeo.Core.Staffing;

namespace GridGeo.Api.Staffing;

/// <summary>How the API describes a staffing handover (plan diff, publish) — names of people but no phone numbers.</summary>
public static class StaffingAnswers
{
    public static object Describe(StaffingChanges c, StaffSnapshot staff) => new
    {
        kept = c.Count(HandoverKind.Kept),
        moved = c.Changes.Where(x => x.Kind == HandoverKind.Moved)
            .Select(x => new { person = x.PersonId, name = NameOf(staff, x.PersonId), role = x.Role, from = x.From, to = x.To, reason = x.Reason }),
        released = c.Changes.Where(x => x.Kind == HandoverKind.Released)
            .Select(x => new { person = x.PersonId, name = NameOf(staff, x.PersonId), role = x.Role, from = x.From, reason = x.Reason }),
        needing_people = c.Needs.Select(n => new { code = n.Code, role = n.Role, @new = n.New, households = n.Households }),
        grids_without_worker = c.GridsWithoutWorker.Select(n => n.Code),
    };

    private static string? NameOf(StaffSnapshot staff, long id) => staff.People.TryGetValue(id, out var p) ? p.Name : null;

    /// <summary>The publish warning (or refusal) when basic grids would be left without a grid worker; null when none would.</summary>
    public static string? UnstaffedWarning(StaffingChanges c)
    {
        var codes = c.GridsWithoutWorker.Select(n => n.Code).ToList();
        if (codes.Count == 0) return null;
        var shown = string.Join(", ", codes.Take(10)) + (codes.Count > 10 ? $" and {codes.Count - 10} more" : "");
        return $"{codes.Count} basic grid(s) would have no grid worker: {shown}";
    }
}

namespace GridGeo.Core.Staffing;

/// <summary>What became of one assignment in a handover: kept (same code), moved to another code, or released (no area to serve).</summary>
public enum HandoverKind
{
    Kept,
    Moved,
    Released,
}

/// <summary>One assignment's fate: the person, role, the code before and the code after (null when released), and why.</summary>
public sealed record AssignmentChange(long PersonId, string Role, string From, string? To, HandoverKind Kind, string Reason);

/// <summary>An area that has nobody in <paramref name="Role"/> after the handover; <paramref name="New"/> when its code is new (else it lost its people, e.g. the smaller part of a split).</summary>
public sealed record StaffingNeed(string Code, string Role, bool New, int Households);

/// <summary>The result of <see cref="StaffingHandover.Plan"/>: the assignments after, every change and every area needing people.</summary>
public sealed record StaffingChanges(
    IReadOnlyList<StaffAssignment> Assignments,
    IReadOnlyList<AssignmentChange> Changes,
    IReadOnlyList<StaffingNeed> Needs)
{
    public int Count(HandoverKind kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>Basic grids that would have no grid worker.</summary>
    public IEnumerable<StaffingNeed> GridsWithoutWorker => Needs.Where(n => n.Role == StaffRoles.GridWorker);
}

/// <summary>
/// Carries the people serving grids and liaison units across a plan change (a partition, a rebalance or a map edit), by
/// household membership:
/// <list type="bullet">
/// <item>each old area's <em>successor</em> is the new area (of the same kind) that received most of its households — so an
/// unchanged or recounted grid is its own successor, and of a split grid the part with most of the old households is;
/// ties go to the area with the same code, then the lowest code. An old area none of whose households remain goes to the new
/// area of the same code, if any;</item>
/// <item>a new area that is the successor of several old areas (a merge) takes, role by role, the people of the old area that
/// gave it most households (then the larger old area): merged grids keep the worker of the larger; the others' people in
/// that role are released (they stay on the roster, unassigned there);</item>
/// <item>a new basic grid without a grid worker, or a new liaison unit without a liaison head, is listed as needing people.</item>
/// </list>
/// Assignments to codes that are not among the old areas pass through unchanged. Pure: no I/O.
/// </summary>
public static class StaffingHandover
{
    public static StaffingChanges Plan(IReadOnlyList<StaffedArea> before, IReadOnlyList<StaffedArea> after, IReadOnlyList<StaffAssignment> assignments)
    {
        var oldByCode = before.ToDictionary(a => a.Code, StringComparer.Ordinal);
        var newByCode = after.ToDictionary(a => a.Code, StringComparer.Ordinal);
        var successor = new Dictionary<string, (string Code, int Share)>(StringComparer.Ordinal);
        foreach (var kind in new[] { false, true })
        {
            var whereNow = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var n in after.Where(a => a.IsLiaisonUnit == kind))
            foreach (var m in n.Members.Keys)
                whereNow[m] = n.Code;
            foreach (var o in before.Where(a => a.IsLiaisonUnit == kind))
            {
                var shares = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (m, h) in o.Members)
                    if (whereNow.TryGetValue(m, out var to)) shares[to] = shares.GetValueOrDefault(to) + Math.Max(h, 0);
                // Members with no households still say where the area went.
                var best = shares.OrderByDescending(s => s.Value)
                    .ThenByDescending(s => s.Key == o.Code)
                    .ThenBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => ((string Code, int Share)?)(s.Key, s.Value))
                    .FirstOrDefault();
                if (best is not null) successor[o.Code] = best.Value;
                else if (newByCode.TryGetValue(o.Code, out var same) && same.IsLiaisonUnit == kind) successor[o.Code] = (o.Code, 0);
            }
        }

        // For each new area and role: the old areas handing it people in that role, best first.
        var byOld = assignments.Where(a => oldByCode.ContainsKey(a.Code)).GroupBy(a => a.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var heir = new Dictionary<(string New, string Role), string>();
        foreach (var (oldCode, people) in byOld)
        {
            if (!successor.TryGetValue(oldCode, out var s)) continue;
            foreach (var role in people.Select(p => p.Role).Distinct())
            {
                var key = (s.Code, role);
                if (!heir.TryGetValue(key, out var current) || Better(oldCode, current)) heir[key] = oldCode;
            }
        }

        bool Better(string candidate, string current)
        {
            var (c, k) = (successor[candidate], successor[current]);
            if (c.Share != k.Share) return c.Share > k.Share;
            var (hc, hk) = (oldByCode[candidate].Households, oldByCode[current].Households);
            if (hc != hk) return hc > hk;
            if ((candidate == c.Code) != (current == k.Code)) return candidate == c.Code;
            return string.CompareOrdinal(candidate, current) < 0;
        }

        var result = new List<StaffAssignment>();
        var changes = new List<AssignmentChange>();
        var seen = new HashSet<(long, string, string)>();
        foreach (var a in assignments)
        {
            if (!oldByCode.ContainsKey(a.Code))
            {
                if (seen.Add((a.PersonId, a.Role, a.Code))) result.Add(a);
                continue;
            }
            if (!successor.TryGetValue(a.Code, out var s))
            {
                changes.Add(new AssignmentChange(a.PersonId, a.Role, a.Code, null, HandoverKind.Released, $"{a.Code} is gone and none of its households are in a new area"));
                continue;
            }
            if (heir[(s.Code, a.Role)] != a.Code)
            {
                changes.Add(new AssignmentChange(a.PersonId, a.Role, a.Code, null, HandoverKind.Released,
                    $"{a.Code} joined {s.Code}, which keeps the {a.Role} of {heir[(s.Code, a.Role)]} (more of its households)"));
                continue;
            }
            if (seen.Add((a.PersonId, a.Role, s.Code))) result.Add(a with { Code = s.Code });
            changes.Add(s.Code == a.Code
                ? new AssignmentChange(a.PersonId, a.Role, a.Code, s.Code, HandoverKind.Kept, "the area keeps its code and most of its households")
                : new AssignmentChange(a.PersonId, a.Role, a.Code, s.Code, HandoverKind.Moved, $"most of the households of {a.Code} are now in {s.Code}"));
        }

        var staffed = result.Select(a => (a.Code, a.Role)).ToHashSet();
        var needs = new List<StaffingNeed>();
        foreach (var n in after.OrderBy(a => a.Code, StringComparer.Ordinal))
        {
            var role = n.IsLiaisonUnit ? StaffRoles.LiaisonHead : n.IsBasic ? StaffRoles.GridWorker : null;
            if (role is null || staffed.Contains((n.Code, role))) continue;
            needs.Add(new StaffingNeed(n.Code, role, !oldByCode.ContainsKey(n.Code), n.Households));
        }
        return new StaffingChanges(result, changes, needs);
    }
}

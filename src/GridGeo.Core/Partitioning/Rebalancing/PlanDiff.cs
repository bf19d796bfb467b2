using GridGeo.Core.Coverage;
using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>One grid's difference between two plans: its change, households before → after and the members that came and went.</summary>
public sealed record GridDiff(
    string Code,
    string CommunityCode,
    GridChangeKind Kind,
    int HouseholdsBefore,
    int HouseholdsAfter,
    IReadOnlyList<string> MembersIn,
    IReadOnlyList<string> MembersOut);

/// <summary>
/// The difference between a plan and the plan it replaces: every grid's <see cref="GridDiff"/>, the households moved
/// (<see cref="HouseholdsMovedMeasure"/>) and the households reassigned: those of members now in a grid of another code
/// than before (members of no old grid, i.e. new buildings, are neither).
/// </summary>
public sealed record PlanDifference(IReadOnlyList<GridDiff> Grids, long HouseholdsMoved, long HouseholdsReassigned)
{
    public int Count(GridChangeKind kind) => Grids.Count(g => g.Kind == kind);
}

/// <summary>
/// Compares a plan with the plan it replaces, grid by grid through their codes: a grid of both with the same geometry
/// (exactly) and members is <see cref="GridChangeKind.Unchanged"/> (or <see cref="GridChangeKind.Recounted"/> when only its
/// household figure moved), another grid of both is <see cref="GridChangeKind.Changed"/>, a code only in the new plan is
/// <see cref="GridChangeKind.Created"/> and one only in the old plan <see cref="GridChangeKind.Retired"/>. Households moved are
/// counted by <see cref="HouseholdsMovedMeasure"/>, the measure of the rebalancing benchmark.
/// </summary>
public static class PlanDiff
{
    /// <param name="householdsOf">households of a member name (<c>id</c> or <c>id#unit</c>) in the new plan</param>
    public static PlanDifference Compare(IReadOnlyList<Grid> before, IReadOnlyList<Grid> after, Func<string, int> householdsOf)
    {
        var old = before.ToDictionary(g => g.Code, StringComparer.Ordinal);
        var now = after.ToDictionary(g => g.Code, StringComparer.Ordinal);
        var result = new List<GridDiff>();
        foreach (var code in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            old.TryGetValue(code, out var o);
            now.TryGetValue(code, out var n);
            var oldMembers = o?.Buildings ?? [];
            var newMembers = n?.Buildings ?? [];
            var membersIn = newMembers.Except(oldMembers, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var membersOut = oldMembers.Except(newMembers, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var kind = (o, n) switch
            {
                (null, _) => GridChangeKind.Created,
                (_, null) => GridChangeKind.Retired,
                _ when !GridOutlines.SameOutline(o.Boundary, n.Boundary) => GridChangeKind.Changed,
                _ when membersIn.Count == 0 && membersOut.Count == 0 && o.Households == n.Households => GridChangeKind.Unchanged,
                _ => GridChangeKind.Recounted,
            };
            result.Add(new GridDiff(code, (n ?? o)!.CommunityCode, kind, o?.Households ?? 0, n?.Households ?? 0, membersIn, membersOut));
        }
        var oldGrid = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in before)
        foreach (var m in g.Buildings)
            oldGrid[m] = g.Code;
        var reassigned = after.Sum(g => g.Buildings.Where(m => oldGrid.TryGetValue(m, out var was) && was != g.Code).Sum(m => (long)householdsOf(m)));
        return new PlanDifference(result, HouseholdsMovedMeasure.Count(before, after, householdsOf), reassigned);
    }
}

namespace GridGeo.Core.Staffing;

/// <summary>One person serving one grid or liaison unit: the person's id, role (<see cref="StaffRoles"/>) and the code served.</summary>
public sealed record StaffAssignment(long PersonId, string Role, string Code);

/// <summary>
/// A grid or liaison unit as the staffing handover sees it: its code, whether it is a basic grid (the one-worker rule
/// applies) and its members with their households — a grid's member buildings or stair units, a liaison unit's
/// households (one each).
/// </summary>
public sealed record StaffedArea(string Code, bool IsLiaisonUnit, bool IsBasic, IReadOnlyDictionary<string, int> Members)
{
    public int Households => Members.Values.Sum();

    public static StaffedArea OfGrid(Model.Grid grid, Func<string, int> householdsOf) =>
        new(grid.Code, false, grid.Kind == Model.GridKinds.Basic,
            grid.Buildings.Distinct(StringComparer.Ordinal).ToDictionary(m => m, householdsOf, StringComparer.Ordinal));

    public static StaffedArea OfLiaisonUnit(Model.LiaisonUnit unit) =>
        new(unit.Code, true, false, unit.Members.Distinct(StringComparer.Ordinal).ToDictionary(m => m, _ => 1, StringComparer.Ordinal));
}

namespace GridGeo.Core.Staffing;

/// <summary>
/// The people who serve a grid: a <see cref="GridWorker"/> (专职网格员, one per basic grid: "一格一员"), a
/// <see cref="GridHead"/> (网格长) over a grid, and a <see cref="LiaisonHead"/> (联户长) for a liaison unit.
/// Grid workers and grid heads are assigned grid codes (15 digits), liaison heads liaison-unit codes (18 digits).
/// </summary>
public static class StaffRoles
{
    public const string GridWorker = "grid_worker";
    public const string GridHead = "grid_head";
    public const string LiaisonHead = "liaison_head";

    public static readonly IReadOnlyList<string> All = [GridWorker, GridHead, LiaisonHead];

    public static bool IsKnown(string? role) => role is GridWorker or GridHead or LiaisonHead;

    /// <summary>Whether <paramref name="role"/> is assigned liaison units (else grids).</summary>
    public static bool ServesLiaisonUnits(string role) => role == LiaisonHead;

    /// <summary>The length of the codes <paramref name="role"/> is assigned: 15 (grid) or 18 (liaison unit).</summary>
    public static int CodeLength(string role) => ServesLiaisonUnits(role) ? AdminCodes.LiaisonUnitLength : AdminCodes.GridLength;
}

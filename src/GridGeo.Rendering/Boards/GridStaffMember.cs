namespace GridGeo.Rendering.Boards;

/// <summary>
/// One person who serves a grid, as printed on its notice board: <see cref="Role"/> is one of <see cref="StaffRoles"/>
/// (any other text prints as given), <see cref="LiaisonUnitCode"/> the 18-digit unit a liaison head serves.
/// </summary>
public sealed record GridStaffMember(string Role, string Name, string? Phone, string? LiaisonUnitCode = null);

/// <summary>The roles of the people who serve a grid (一格一员: one grid worker per grid; a grid head; a liaison head per liaison unit).</summary>
public static class StaffRoles
{
    public const string GridHead = "grid_head";
    public const string GridWorker = "grid_worker";
    public const string LiaisonHead = "liaison_head";

    /// <summary>The printed label of a role: Chinese, then English.</summary>
    public static (string Chinese, string English) Label(string role) => role switch
    {
        GridHead => ("网格长", "Grid head"),
        GridWorker => ("网格员", "Grid worker"),
        LiaisonHead => ("联户长", "Liaison head"),
        _ => (role, ""),
    };

    /// <summary>Board order: grid head, grid worker, liaison heads, anything else.</summary>
    public static int Order(string role) => role switch
    {
        GridHead => 0,
        GridWorker => 1,
        LiaisonHead => 2,
        _ => 3,
    };
}

namespace GridGeo.Storage.Auth;

/// <summary>
/// What an API key may do: a <c>reader</c> looks up and exports; a <c>planner</c> also edits grids and
/// makes plans, but only in the streets named on its key; an <c>admin</c> may do everything everywhere.
/// </summary>
public static class ApiRoles
{
    public const string Reader = "reader";
    public const string Planner = "planner";
    public const string Admin = "admin";

    public static bool IsKnown(string? role) => role is Reader or Planner or Admin;
}

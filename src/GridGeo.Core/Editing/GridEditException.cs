namespace GridGeo.Core.Editing;

/// <summary>
/// An edit that breaks a rule and is not applied. <see cref="Rule"/> is a short stable name (see <see cref="EditRules"/>),
/// <see cref="GridCode"/> the grid that failed it (null when the rule concerns the request as a whole).
/// </summary>
public sealed class GridEditException(string rule, string? gridCode, string message) : Exception(message)
{
    public string Rule { get; } = rule;
    public string? GridCode { get; } = gridCode;
}

/// <summary>The rules an edit is checked against, by name.</summary>
public static class EditRules
{
    /// <summary>A locked grid is never changed by an edit (only unlocking it is allowed).</summary>
    public const string Locked = "locked";

    /// <summary>A grid's boundary is a valid, non-empty polygon.</summary>
    public const string ValidPolygon = "valid-polygon";

    /// <summary>A grid lies inside its community.</summary>
    public const string InsideCommunity = "inside-community";

    /// <summary>The grids of a community still tile it: the edited grids cover exactly the area they covered before, without overlaps.</summary>
    public const string Tiling = "tiling";

    /// <summary>A grid is one polygon (a MultiPolygon only when it already was one: a grid with a whole exclave).</summary>
    public const string Contiguous = "contiguous";

    /// <summary>Grids that are merged, or between which buildings move, share a boundary.</summary>
    public const string Adjacent = "adjacent";

    /// <summary>Grids that are merged, or between which buildings move, are of the same community and kind.</summary>
    public const string SameCommunity = "same-community";

    /// <summary>A split line cuts the grid into at least two parts.</summary>
    public const string SplitLine = "split-line";

    /// <summary>The buildings to move belong to the source grid.</summary>
    public const string Members = "members";

    /// <summary>No grid is left without area.</summary>
    public const string NotEmpty = "not-empty";
}

using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// A member of a grid as the editor sees it: its name (a building id, or <c>"&lt;id&gt;#&lt;unit&gt;"</c> for one stair
/// unit), its households, and the building's location (null when the building is no longer stored; such a member
/// stays with the grid that keeps its code).
/// </summary>
public sealed record GridMember(string Name, int Households, Point? Location)
{
    /// <summary>The building id of the member (the name without its <c>#unit</c>).</summary>
    public string BuildingId => Name.Split('#')[0];
}

/// <summary>A current grid as an edit reads and writes it: the grid, whether it is locked, and its members with households.</summary>
public sealed record EditableGrid(Grid Grid, bool Locked, IReadOnlyList<GridMember> Members)
{
    public string Code => Grid.Code;

    /// <summary>
    /// True when <paramref name="other"/> has this grid's outline (the same vertices), members and households: a grid only
    /// locked or unlocked, whose liaison units stay as they are.
    /// </summary>
    public bool SameContent(EditableGrid other) =>
        Grid.Households == other.Grid.Households && SameMembers(other) && Coverage.GridOutlines.SameShape(Grid.Boundary, other.Grid.Boundary);

    /// <summary>True when <paramref name="other"/> lists the same members (by name) in the same order.</summary>
    public bool SameMembers(EditableGrid other) => Members.Select(m => m.Name).SequenceEqual(other.Members.Select(m => m.Name), StringComparer.Ordinal);

    /// <summary>This grid with a new boundary and members; households are the members' sum.</summary>
    public EditableGrid With(Geometry boundary, IReadOnlyList<GridMember> members, string? code = null) =>
        this with
        {
            Grid = Grid with
            {
                Code = code ?? Grid.Code,
                Boundary = boundary,
                Households = members.Sum(m => m.Households),
                Buildings = members.Select(m => m.Name).ToList(),
            },
            Members = members,
        };
}

namespace GridGeo.Core.Editing;

/// <summary>
/// What an edit decides, before it is validated and stored: the new state of the grids it changed (same codes),
/// the grids it created (new codes) and the codes of the grids it removed. Grids not named are untouched.
/// </summary>
public sealed record GridEditOutcome(
    string Action,
    IReadOnlyList<EditableGrid> Changed,
    IReadOnlyList<EditableGrid> Created,
    IReadOnlyList<string> Removed)
{
    /// <summary>The grids that exist after the edit and differ from before: changed and created.</summary>
    public IEnumerable<EditableGrid> After => Changed.Concat(Created);

    /// <summary>Codes of every grid the edit touches.</summary>
    public IEnumerable<string> Touched => Changed.Select(g => g.Code).Concat(Created.Select(g => g.Code)).Concat(Removed);
}

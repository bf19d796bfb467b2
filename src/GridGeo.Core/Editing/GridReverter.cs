namespace GridGeo.Core.Editing;

/// <summary>
/// Undoes an earlier edit: the grids it touched go back to their recorded states. A grid that is still current gets
/// its old content back, a grid the edit removed comes back, and a grid the edit created is removed. The outcome is
/// validated like any edit, so a revert that no longer fits the grids around it (changed since) is refused.
/// </summary>
public static class GridReverter
{
    /// <param name="scope">the community now</param>
    /// <param name="restore">the states before the edit being undone</param>
    /// <param name="touched">every grid code that edit touched</param>
    public static GridEditOutcome Revert(GridEditScope scope, IReadOnlyList<EditableGrid> restore, IReadOnlyCollection<string> touched)
    {
        var current = scope.Grids.ToDictionary(g => g.Code);
        var changed = restore.Where(r => current.ContainsKey(r.Code)).ToList();
        var created = restore.Where(r => !current.ContainsKey(r.Code)).ToList();
        var removed = touched.Where(c => current.ContainsKey(c) && restore.All(r => r.Code != c)).ToList();
        return new GridEditOutcome("revert", changed, created, removed);
    }
}

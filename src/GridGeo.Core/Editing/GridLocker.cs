namespace GridGeo.Core.Editing;

/// <summary>Locks or unlocks a grid: a locked grid is left alone by every edit and by rebalancing until it is unlocked.</summary>
public static class GridLocker
{
    public static GridEditOutcome SetLocked(GridEditScope scope, string code, bool locked)
    {
        var g = scope.Get(code);
        return new GridEditOutcome(locked ? "lock" : "unlock", [g with { Locked = locked }], [], []);
    }
}

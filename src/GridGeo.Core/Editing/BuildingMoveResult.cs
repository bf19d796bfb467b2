using GridGeo.Core.Model;

namespace GridGeo.Core.Editing;

/// <summary>
/// What <see cref="BuildingMover"/> answers: the two grids as they are after the move, or the rule the
/// move failed (<see cref="FailedRule"/>), naming the grid or building that failed it.
/// </summary>
public sealed record BuildingMoveResult(Grid? From, Grid? To, int HouseholdsMoved, string? FailedRule)
{
    public bool Succeeded => FailedRule is null;

    public static BuildingMoveResult Fail(string rule) => new(null, null, 0, rule);
}

using GridGeo.Core.Model;

namespace GridGeo.Core.Editing;

/// <summary>
/// A building move as an edit: <see cref="BuildingMover"/> redraws the two grids, and the outcome carries both with
/// their members, so it is validated, stored and audited like every other edit. A refused move is a
/// <see cref="GridEditException"/> whose rule is read from the mover's reason.
/// </summary>
public static class BuildingMoveEdit
{
    public static GridEditOutcome Move(GridEditScope scope, string from, string to, IReadOnlyCollection<string> buildingIds)
    {
        var origin = scope.Grids.FirstOrDefault(g => g.Code == from)
            ?? throw new GridEditException(EditRules.SameCommunity, from, $"grid {from} is not a current grid of community {scope.CommunityCode}");
        var target = scope.Grids.FirstOrDefault(g => g.Code == to)
            ?? throw new GridEditException(EditRules.SameCommunity, to,
                $"grid {to} is not a current grid of community {scope.CommunityCode}: a grid never crosses a community line");
        GridEditScope.RequireUnlocked(origin);
        GridEditScope.RequireUnlocked(target);
        var buildings = new Dictionary<string, Building>(StringComparer.Ordinal);
        foreach (var m in origin.Members.Concat(target.Members))
        {
            if (m.Location is null) continue;
            var id = m.BuildingId;
            buildings[id] = buildings.TryGetValue(id, out var b) ? b with { Households = b.Households + m.Households } : new Building(id, m.Location, m.Households);
        }
        var result = BuildingMover.Move(origin.Grid, target.Grid, buildingIds, buildings);
        if (!result.Succeeded) throw new GridEditException(RuleOf(result.FailedRule!), from, result.FailedRule!);

        var moving = buildingIds.ToHashSet(StringComparer.Ordinal);
        var stay = origin.Members.Where(m => !moving.Contains(m.Name)).ToList();
        var gone = origin.Members.Where(m => moving.Contains(m.Name));
        return new GridEditOutcome("move",
            [origin.With(result.From!.Boundary, stay), target.With(result.To!.Boundary, target.Members.Concat(gone).ToList())], [], []);
    }

    private static string RuleOf(string reason) => reason switch
    {
        _ when reason.Contains("neighbour", StringComparison.Ordinal) => EditRules.Adjacent,
        _ when reason.Contains("community", StringComparison.Ordinal) || reason.Contains("basic grids", StringComparison.Ordinal) => EditRules.SameCommunity,
        _ when reason.Contains("pieces", StringComparison.Ordinal) => EditRules.Contiguous,
        _ when reason.Contains("no area", StringComparison.Ordinal) || reason.Contains("no building", StringComparison.Ordinal) => EditRules.NotEmpty,
        _ => EditRules.Members,
    };
}

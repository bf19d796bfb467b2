using GridGeo.Core.Coverage;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// The plan gate for one edit, after <see cref="GridEditValidator"/> has checked its intent: the community's grids as the
/// edit leaves them are rebuilt as an exact face coverage (<see cref="GridOutlines"/>; the grids the edit does not touch are
/// fixed, so they keep their area) and checked with <see cref="GridCoverageValidator"/>. The outcome returned carries the
/// rebuilt outlines; an untouched grid whose outline gained a vertex where an edited edge meets it is added to
/// <see cref="GridEditOutcome.Changed"/> so that stored neighbours keep matching edges. A problem left throws a
/// <see cref="GridEditException"/> naming the rule and grid.
/// </summary>
public static class GridEditGate
{
    public static GridEditOutcome Apply(GridEditScope scope, GridEditOutcome outcome)
    {
        var touched = outcome.Touched.ToHashSet(StringComparer.Ordinal);
        var after = new List<EditableGrid>();
        after.AddRange(scope.Grids.Where(g => !touched.Contains(g.Code)));
        after.AddRange(outcome.After);
        var fixedCodes = scope.Grids.Where(g => !touched.Contains(g.Code)).Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        var locations = new Dictionary<string, Coordinate>(StringComparer.Ordinal);
        foreach (var m in after.SelectMany(g => g.Members))
        {
            if (m.Location is not null) locations.TryAdd(m.Name, m.Location.Coordinate);
        }
        var rebuilt = GridOutlines.Rebuild(scope.CommunityBoundary, after.Select(g => g.Grid).ToList(), fixedCodes,
            name => locations.TryGetValue(name, out var c) ? c : null);
        var problems = GridCoverageValidator.Validate(scope.CommunityCode, scope.CommunityBoundary, rebuilt);
        if (problems.Count > 0)
        {
            var first = problems[0];
            throw new GridEditException(RuleOf(first.Rule), first.GridCode,
                $"the edit would leave community {scope.CommunityCode} unsound: {GridCoverageValidator.Describe(problems, 5)}");
        }
        var byCode = rebuilt.ToDictionary(g => g.Code);
        var changed = outcome.Changed.Select(g => g.With(byCode[g.Code].Boundary, g.Members)).ToList();
        foreach (var g in scope.Grids.Where(g => !touched.Contains(g.Code)))
        {
            if (!ReferenceEquals(byCode[g.Code].Boundary, g.Grid.Boundary) && !g.Grid.Boundary.EqualsExact(byCode[g.Code].Boundary))
                changed.Add(g.With(byCode[g.Code].Boundary, g.Members));
        }
        var created = outcome.Created.Select(g => g.With(byCode[g.Code].Boundary, g.Members)).ToList();
        return outcome with { Changed = changed, Created = created };
    }

    private static string RuleOf(string planRule) => planRule switch
    {
        PlanRules.InvalidGeometry or PlanRules.Precision => EditRules.ValidPolygon,
        PlanRules.OnePolygon => EditRules.Contiguous,
        PlanRules.OutsideCommunity => EditRules.InsideCommunity,
        _ => EditRules.Tiling,
    };
}

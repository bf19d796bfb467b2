using GridGeo.Core.Coverage;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// Checks an edit's outcome before it is committed: every grid it leaves is a valid, non-empty polygon (one part,
/// unless it already had several: a whole exclave), inside its community; the grids it leaves cover exactly the
/// area the touched grids covered, without overlaps, so the community is still tiled; no locked grid changes
/// except by unlocking. Areas are measured on one <see cref="FaceCoverage"/> of the community and the grids before and
/// after (everything noded once at <see cref="Geo.GridPrecision"/>), each rule allowing <see cref="ToleranceM2"/> m².
/// Breaking a rule throws a <see cref="GridEditException"/> naming it and the grid.
/// Basic grids left outside Min..Max households are returned as warnings.
/// </summary>
public static class GridEditValidator
{
    /// <summary>The area (m²) below which a difference is the noise of a line drawn along an edge, not an intent.</summary>
    public const double ToleranceM2 = 1.0;

    public static IReadOnlyList<BoundsWarning> Validate(GridEditScope scope, GridEditOutcome outcome, int min, int max)
    {
        var tol = scope.AreaTolerance;
        var old = outcome.Touched.Distinct().Select(c => scope.Grids.FirstOrDefault(g => g.Code == c)).OfType<EditableGrid>().ToList();
        foreach (var g in old)
        {
            var after = outcome.Changed.FirstOrDefault(c => c.Code == g.Code);
            // An unlock that restores the outline as the face coverage keeps it (a revert of a lock whose outline the gate snapped).
            var onlyUnlocks = after is not null && !after.Locked && GridOutlines.SameOutline(g.Grid.Boundary, after.Grid.Boundary)
                              && g.SameMembers(after);
            if (g.Locked && !onlyUnlocks) GridEditScope.RequireUnlocked(g);
        }
        foreach (var g in outcome.After)
        {
            var b = g.Grid.Boundary;
            if (b.IsEmpty || b.Area <= tol)
                throw new GridEditException(EditRules.NotEmpty, g.Code, $"grid {g.Code} would have no area");
            if (b is not (Polygon or MultiPolygon) || !b.IsValid)
                throw new GridEditException(EditRules.ValidPolygon, g.Code, $"grid {g.Code} would not be a valid polygon");
            var before = old.FirstOrDefault(o => o.Code == g.Code);
            var allowedParts = before is null ? 1 : Math.Max(1, before.Grid.Boundary.NumGeometries);
            if (b.NumGeometries > allowedParts)
                throw new GridEditException(EditRules.Contiguous, g.Code, $"grid {g.Code} would fall into {b.NumGeometries} separate parts");
        }

        // One coverage of the community, the grids after (shapes 0..n-1) and the touched grids before (n..).
        var afterGrids = outcome.After.ToList();
        var n = afterGrids.Count;
        var fc = FaceCoverage.Build(scope.CommunityBoundary, [.. afterGrids.Select(g => g.Grid.Boundary), .. old.Select(g => g.Grid.Boundary)]);
        var outside = new double[n];
        double overlap = 0, gained = 0, lost = 0;
        for (var i = 0; i < fc.Faces.Count; i++)
        {
            var owners = fc.ShapesOf[i];
            var inAfter = owners.Count(o => o < n);
            var inBefore = owners.Count - inAfter;
            if (!fc.InCommunity[i])
            {
                foreach (var o in owners.Where(o => o < n)) outside[o] += fc.AreaM2[i];
                continue;
            }
            if (inAfter > 1) overlap += fc.AreaM2[i] * (inAfter - 1);
            if (inAfter > 0 && inBefore == 0) gained += fc.AreaM2[i];
            if (inAfter == 0 && inBefore > 0) lost += fc.AreaM2[i];
        }
        for (var g = 0; g < n; g++)
        {
            if (outside[g] > ToleranceM2)
                throw new GridEditException(EditRules.InsideCommunity, afterGrids[g].Code,
                    $"grid {afterGrids[g].Code} would reach {outside[g]:F0} m² outside community {scope.CommunityCode}");
        }
        if (overlap > ToleranceM2 * Math.Max(1, n))
            throw new GridEditException(EditRules.Tiling, afterGrids.First().Code, $"the edited grids would overlap by {overlap:F0} m²");
        if (gained > ToleranceM2 * 4 || lost > ToleranceM2 * 4)
        {
            throw new GridEditException(EditRules.Tiling, afterGrids.FirstOrDefault()?.Code,
                gained > lost
                    ? $"the edit would take {gained:F0} m² from grids it does not change"
                    : $"the edit would leave {lost:F0} m² of community {scope.CommunityCode} in no grid");
        }

        return outcome.After
            .Where(g => g.Grid.Kind == Model.GridKinds.Basic && (g.Grid.Households < min || g.Grid.Households > max))
            .Select(g => new BoundsWarning(g.Code, g.Grid.Households, min, max))
            .ToList();
    }
}

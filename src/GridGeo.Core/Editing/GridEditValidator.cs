using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// Checks an edit's outcome before it is committed: every grid it leaves is a valid, non-empty polygon (one part,
/// unless it already had several: a whole exclave), inside its community; the grids it leaves cover exactly the
/// area the touched grids covered, without overlaps, so the community is still tiled; no locked grid changes
/// except by unlocking. Breaking a rule throws a <see cref="GridEditException"/> naming it and the grid.
/// Basic grids left outside Min..Max households are returned as warnings.
/// </summary>
public static class GridEditValidator
{
    public static IReadOnlyList<BoundsWarning> Validate(GridEditScope scope, GridEditOutcome outcome, int min, int max)
    {
        var tol = scope.AreaTolerance;
        var old = outcome.Touched.Distinct().Select(c => scope.Grids.FirstOrDefault(g => g.Code == c)).OfType<EditableGrid>().ToList();
        foreach (var g in old)
        {
            var after = outcome.Changed.FirstOrDefault(c => c.Code == g.Code);
            // An unlock that restores the outline as the face coverage keeps it (a revert of a lock whose outline the gate snapped).
            var onlyUnlocks = after is not null && !after.Locked && Coverage.GridOutlines.SameOutline(g.Grid.Boundary, after.Grid.Boundary)
                              && g.Members.Select(m => m.Name).SequenceEqual(after.Members.Select(m => m.Name));
            if (g.Locked && !onlyUnlocks) GridEditScope.RequireUnlocked(g);
        }
        var community = scope.CommunityBoundary;
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
            var outside = PolygonalParts.Difference(b, community, tol).Area;
            if (outside > tol)
                throw new GridEditException(EditRules.InsideCommunity, g.Code,
                    $"grid {g.Code} would reach {GeoArea.SquareMetres(outside, community.EnvelopeInternal.Centre.Y):F0} m² outside community {scope.CommunityCode}");
        }

        var afterShapes = outcome.After.Select(g => g.Grid.Boundary).ToList();
        var unionAfter = PolygonalParts.Union(afterShapes, tol);
        var overlap = afterShapes.Sum(s => s.Area) - unionAfter.Area;
        if (overlap > tol * Math.Max(1, afterShapes.Count))
            throw new GridEditException(EditRules.Tiling, outcome.After.First().Code,
                $"the edited grids would overlap by {GeoArea.SquareMetres(overlap, community.EnvelopeInternal.Centre.Y):F0} m²");
        var unionBefore = PolygonalParts.Union(old.Select(g => g.Grid.Boundary), tol);
        var gained = PolygonalParts.Difference(unionAfter, unionBefore, tol).Area;
        var lost = PolygonalParts.Difference(unionBefore, unionAfter, tol).Area;
        if (gained > tol * 4 || lost > tol * 4)
        {
            var lat = community.EnvelopeInternal.Centre.Y;
            throw new GridEditException(EditRules.Tiling, outcome.After.FirstOrDefault()?.Code,
                gained > lost
                    ? $"the edit would take {GeoArea.SquareMetres(gained, lat):F0} m² from grids it does not change"
                    : $"the edit would leave {GeoArea.SquareMetres(lost, lat):F0} m² of community {scope.CommunityCode} in no grid");
        }

        return outcome.After
            .Where(g => g.Grid.Kind == Model.GridKinds.Basic && (g.Grid.Households < min || g.Grid.Households > max))
            .Select(g => new BoundsWarning(g.Code, g.Grid.Households, min, max))
            .ToList();
    }
}

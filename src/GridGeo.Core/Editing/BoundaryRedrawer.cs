using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// Redraws one grid's boundary with a new polygon (clipped to the community). The neighbours' shared edges follow:
/// each grid the new polygon overlaps gives up that area, and each piece of the old grid outside the new polygon
/// goes to the grid it shares most boundary with. Members of all grids involved are reassigned by location.
/// Refused when a neighbour would vanish or fall into pieces, or a piece would be left to no grid.
/// </summary>
public static class BoundaryRedrawer
{
    public static GridEditOutcome Redraw(GridEditScope scope, string code, Geometry polygon)
    {
        var g = scope.Get(code);
        GridEditScope.RequireUnlocked(g);
        var tol = scope.AreaTolerance;
        if (polygon is not (Polygon or MultiPolygon) || polygon.IsEmpty || !polygon.IsValid)
            throw new GridEditException(EditRules.ValidPolygon, code, "the new boundary must be a valid Polygon");
        var drawn = PolygonalParts.Intersection(polygon, scope.CommunityBoundary, tol);
        if (drawn.IsEmpty) throw new GridEditException(EditRules.InsideCommunity, code, $"the new boundary lies outside community {scope.CommunityCode}");

        var others = scope.Grids.Where(o => o.Code != code).ToList();
        var shapes = new Dictionary<string, Geometry>();
        foreach (var o in others)
        {
            if (!o.Grid.Boundary.EnvelopeInternal.Intersects(drawn.EnvelopeInternal)) continue;
            if (PolygonalParts.Intersection(o.Grid.Boundary, drawn, tol).IsEmpty) continue;
            GridEditScope.RequireUnlocked(o);
            shapes[o.Code] = PolygonalParts.Difference(o.Grid.Boundary, drawn, tol);
        }

        var left = PolygonalParts.Difference(g.Grid.Boundary, drawn, tol);
        foreach (var piece in PolygonalParts.Parts(left))
        {
            var best = others
                .Where(o => o.Grid.Boundary.EnvelopeInternal.Intersects(piece.EnvelopeInternal))
                .Select(o => (Grid: o, Shared: PolygonalParts.SharedBoundary(piece, shapes.GetValueOrDefault(o.Code) ?? o.Grid.Boundary)))
                .Where(x => x.Shared > 0)
                .OrderByDescending(x => x.Shared).ThenBy(x => x.Grid.Code, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Grid is null)
                throw new GridEditException(EditRules.Tiling, code, $"part of grid {code} outside the new boundary touches no other grid and would be left to none");
            GridEditScope.RequireUnlocked(best.Grid);
            var current = shapes.GetValueOrDefault(best.Grid.Code) ?? best.Grid.Grid.Boundary;
            shapes[best.Grid.Code] = PolygonalParts.Union([current, piece], tol);
        }

        foreach (var (c, shape) in shapes)
        {
            var before = others.First(o => o.Code == c).Grid.Boundary;
            if (shape.IsEmpty) throw new GridEditException(EditRules.NotEmpty, c, $"neighbour {c} would be left with no area");
            if (shape.NumGeometries > before.NumGeometries)
                throw new GridEditException(EditRules.Contiguous, c, $"neighbour {c} would be cut into {shape.NumGeometries} parts");
        }

        var involved = new List<EditableGrid> { g };
        involved.AddRange(shapes.Keys.Order(StringComparer.Ordinal).Select(c => others.First(o => o.Code == c)));
        var newShapes = involved.Select(x => x.Code == code ? drawn : shapes[x.Code]).ToList();
        var members = MemberAssigner.Assign(involved.SelectMany((x, i) => x.Members.Select(m => (m, i))), newShapes, i => i);
        var changed = involved.Select((x, i) => x.With(newShapes[i], members[i])).ToList();
        return new GridEditOutcome("redraw", changed, [], []);
    }
}

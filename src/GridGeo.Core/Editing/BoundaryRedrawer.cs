using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// Redraws one grid's boundary with a new polygon (snapped onto <see cref="GridPrecision"/> and clipped to the community).
/// The community, every grid's outline and the new polygon are noded once into a <see cref="FaceCoverage"/> and the faces
/// relabelled: a face inside the new polygon goes to the grid, a face of the grid outside it goes (with the rest of its
/// connected part) to the grid it shares most edge with, every other face keeps its grid. Members of all grids involved are
/// reassigned by location. Refused when a neighbour would vanish or fall into pieces, or a part would be left to no grid.
/// </summary>
public static class BoundaryRedrawer
{
    public static GridEditOutcome Redraw(GridEditScope scope, string code, Geometry polygon)
    {
        var g = scope.Get(code);
        GridEditScope.RequireUnlocked(g);
        if (polygon is not (Polygon or MultiPolygon) || polygon.IsEmpty || !polygon.IsValid)
            throw new GridEditException(EditRules.ValidPolygon, code, "the new boundary must be a valid Polygon");
        var drawn = GridOverlay.Intersection(polygon, scope.CommunityBoundary);
        if (drawn.IsEmpty) throw new GridEditException(EditRules.InsideCommunity, code, $"the new boundary lies outside community {scope.CommunityCode}");

        var grids = scope.Grids;
        var own = grids.ToList().FindIndex(x => x.Code == code);
        var fc = FaceCoverage.Build(scope.CommunityBoundary, [.. grids.Select(x => x.Grid.Boundary), drawn]);
        var drawnIndex = grids.Count;
        var label = new int[fc.Faces.Count];
        var strays = new List<int>();
        var touched = new HashSet<int> { own };
        for (var i = 0; i < label.Length; i++)
        {
            var owners = fc.ShapesOf[i];
            label[i] = -1;
            if (!fc.InCommunity[i]) continue;
            if (owners.Contains(drawnIndex))
            {
                label[i] = own;
                foreach (var o in owners.Where(o => o != own && o != drawnIndex)) touched.Add(o);
            }
            else if (owners.Contains(own)) strays.Add(i);
            else if (owners.Count > 0) label[i] = owners[0];
        }
        foreach (var part in fc.Components(strays))
        {
            var best = fc.MostSharedLabel(part, label, own);
            if (best < 0)
                throw new GridEditException(EditRules.Tiling, code, $"part of grid {code} outside the new boundary touches no other grid and would be left to none");
            foreach (var i in part) label[i] = best;
            touched.Add(best);
        }
        foreach (var t in touched) GridEditScope.RequireUnlocked(grids[t]);

        var involved = touched.OrderBy(t => t == own ? "" : grids[t].Code, StringComparer.Ordinal).ToList();
        var newShapes = new List<Geometry>();
        foreach (var t in involved)
        {
            var shape = fc.Outline(Enumerable.Range(0, label.Length).Where(i => label[i] == t).ToList());
            var c = grids[t].Code;
            if (t != own && shape.IsEmpty) throw new GridEditException(EditRules.NotEmpty, c, $"neighbour {c} would be left with no area");
            if (t != own && shape.NumGeometries > grids[t].Grid.Boundary.NumGeometries)
                throw new GridEditException(EditRules.Contiguous, c, $"neighbour {c} would be cut into {shape.NumGeometries} parts");
            newShapes.Add(shape);
        }
        var members = MemberAssigner.Assign(involved.SelectMany((t, i) => grids[t].Members.Select(m => (m, i))), newShapes, i => i);
        var changed = involved.Select((t, i) => grids[t].With(newShapes[i], members[i])).ToList();
        return new GridEditOutcome("redraw", changed, [], []);
    }
}

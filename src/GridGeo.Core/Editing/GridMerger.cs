using GridGeo.Core.Coverage;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// Merges two grids of the same community and kind that share a boundary into one: the coverage union of their faces (the
/// community and both outlines noded once at <see cref="Geo.GridPrecision"/>, <see cref="FaceCoverage"/>) and of their
/// members, under the first grid's code; the second grid is removed.
/// </summary>
public static class GridMerger
{
    public static GridEditOutcome Merge(GridEditScope scope, string keep, string absorb)
    {
        if (keep == absorb) throw new GridEditException(EditRules.Adjacent, keep, "a grid cannot be merged with itself");
        var a = scope.Get(keep);
        var b = scope.Get(absorb);
        GridEditScope.RequireUnlocked(a);
        GridEditScope.RequireUnlocked(b);
        if (a.Grid.Kind != b.Grid.Kind || a.Grid.DedicatedKind != b.Grid.DedicatedKind)
            throw new GridEditException(EditRules.SameCommunity, absorb,
                $"grid {absorb} is a {b.Grid.Kind} grid and {keep} a {a.Grid.Kind} grid; only grids of the same kind merge");
        var fc = FaceCoverage.Build(scope.CommunityBoundary, [a.Grid.Boundary, b.Grid.Boundary]);
        var ofA = Enumerable.Range(0, fc.Faces.Count).Where(i => fc.ShapesOf[i].Contains(0)).ToHashSet();
        var ofB = Enumerable.Range(0, fc.Faces.Count).Where(i => fc.ShapesOf[i].Contains(1) && !ofA.Contains(i)).ToList();
        if (!ofB.Any(i => fc.Neighbours[i].Keys.Any(ofA.Contains)))
            throw new GridEditException(EditRules.Adjacent, absorb, $"grids {keep} and {absorb} do not share a boundary");
        var union = fc.Outline([.. ofA, .. ofB]);
        var parts = a.Grid.Boundary.NumGeometries + b.Grid.Boundary.NumGeometries - 1;
        if (union is not (Polygon or MultiPolygon) || union.NumGeometries > Math.Max(1, parts))
            throw new GridEditException(EditRules.Contiguous, keep, $"the union of grids {keep} and {absorb} is not one polygon");
        var merged = a.With(union, a.Members.Concat(b.Members).ToList());
        return new GridEditOutcome("merge", [merged], [], [absorb]);
    }
}

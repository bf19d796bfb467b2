using GridGeo.Core.Coverage;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// Splits a grid by a line drawn across it: the grid's boundary and the line are noded once at
/// <see cref="Geo.GridPrecision"/> and polygonized (<see cref="FaceCoverage"/>), and each face inside the grid becomes a grid
/// with the members whose buildings lie in it (a face under <see cref="MinPartM2"/> is left to the edit gate, which gives it
/// to the neighbour it shares most edge with). The part with the most households keeps the code; the others get the next
/// unused sequence numbers of the community, west to east.
/// </summary>
public static class GridSplitter
{
    /// <summary>The smallest part (m²) a split makes into a grid: smaller faces are noise of a line drawn along an edge.</summary>
    public const double MinPartM2 = 1.0;

    public static GridEditOutcome Split(GridEditScope scope, string code, Geometry line)
    {
        var g = scope.Get(code);
        GridEditScope.RequireUnlocked(g);
        if (line is not (LineString or MultiLineString) || line.IsEmpty || !line.IsValid)
            throw new GridEditException(EditRules.SplitLine, code, "the split line must be a valid LineString");
        var fc = FaceCoverage.Build(g.Grid.Boundary, [], [line]);
        var parts = Enumerable.Range(0, fc.Faces.Count).Where(i => fc.InCommunity[i] && fc.AreaM2[i] > MinPartM2)
            .Select(i => (Geometry)fc.Faces[i]).ToList();
        if (parts.Count < 2)
            throw new GridEditException(EditRules.SplitLine, code, $"the line does not cut grid {code} in two: it must cross the grid from edge to edge");

        var members = MemberAssigner.Assign(g.Members.Select(m => (m, 0)), parts, _ => 0);
        var keep = Enumerable.Range(0, parts.Count)
            .OrderByDescending(i => members[i].Sum(m => m.Households)).ThenByDescending(i => parts[i].Area).First();
        var others = Enumerable.Range(0, parts.Count).Where(i => i != keep)
            .OrderBy(i => parts[i].InteriorPoint.X).ThenByDescending(i => parts[i].InteriorPoint.Y).ToList();
        if (members[keep].Count == 0 && g.Members.Any(m => m.Location is null))
            members[keep].AddRange(g.Members.Where(m => m.Location is null));
        var created = new List<EditableGrid>();
        for (var k = 0; k < others.Count; k++)
        {
            var newCode = AdminCodes.Child(scope.CommunityCode, scope.NextSequence + k);
            created.Add(g.With(parts[others[k]], members[others[k]], newCode) with { Locked = false });
        }
        return new GridEditOutcome("split", [g.With(parts[keep], members[keep])], created, []);
    }
}

using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// Reassigns members by location after boundaries moved: each member goes to the first of the new shapes that
/// contains its building (boundary included); a member without a location, or outside every shape, stays
/// with the shape at <paramref name="fallback"/>'s index for the grid it came from.
/// </summary>
public static class MemberAssigner
{
    /// <param name="members">the members of the grids involved, each with the index of the shape it had</param>
    /// <param name="shapes">the new shapes</param>
    /// <param name="fallback">for each old index, the shape index a member without a place goes to</param>
    public static List<GridMember>[] Assign(IEnumerable<(GridMember Member, int From)> members, IReadOnlyList<Geometry> shapes, Func<int, int> fallback)
    {
        var result = new List<GridMember>[shapes.Count];
        for (var i = 0; i < shapes.Count; i++) result[i] = [];
        var locators = shapes.Select(s => new IndexedPointInAreaLocator(s)).ToArray();
        foreach (var (m, from) in members)
        {
            var to = -1;
            if (m.Location is { } p)
            {
                for (var i = 0; i < shapes.Count && to < 0; i++)
                {
                    if (!shapes[i].IsEmpty && shapes[i].EnvelopeInternal.Contains(p.Coordinate) &&
                        locators[i].Locate(p.Coordinate) != Location.Exterior) to = i;
                }
            }
            result[to >= 0 ? to : fallback(from)].Add(m);
        }
        return result;
    }
}

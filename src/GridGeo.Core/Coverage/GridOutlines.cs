using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Coverage;

/// <summary>
/// Gives the grids of one community outlines that tile it exactly on <see cref="GridPrecision"/>: the community and the
/// grids' outlines become one <see cref="FaceCoverage"/>, each face is labelled with one grid and each grid's outline is the
/// exact coverage union of its faces, so neighbours share identical edges. The labelling policy:
/// <list type="number">
/// <item>a face some grid contains goes to it; where several do, a <em>fixed</em> grid (one whose outline is authoritative:
/// a grid an edit or a rebalance keeps) wins, else the first in the list;</item>
/// <item>a face of the community no grid contains (a gap) goes to the neighbouring grid it shares most edge with, a grid
/// that is not fixed first; a face outside the community is dropped;</item>
/// <item>a grid left in several parts inside one piece of the community keeps the part holding its member buildings (or
/// its largest), and a part holding none of them goes to the neighbour it shares most edge with.</item>
/// </list>
/// A fixed grid whose faces give back its own outline keeps its geometry object unchanged (bit-identical).
/// </summary>
public static class GridOutlines
{
    /// <param name="community">The community boundary (WGS84).</param>
    /// <param name="grids">The community's grids, outlines as built by the caller (roughly tiling the community).</param>
    /// <param name="fixedCodes">Codes of grids whose outlines are authoritative.</param>
    /// <param name="locationOf">Where a member (building id, or <c>id#unit</c>) lies, to tell which parts of a grid hold its members.</param>
    public static List<Grid> Rebuild(Geometry community, IReadOnlyList<Grid> grids, IReadOnlySet<string>? fixedCodes = null,
        Func<string, Coordinate?>? locationOf = null)
    {
        if (grids.Count == 0) return [];
        var fc = FaceCoverage.Build(community, grids.Select(g => g.Boundary).ToList());
        var isFixed = grids.Select(g => fixedCodes?.Contains(g.Code) == true).ToArray();
        var label = new int[fc.Faces.Count];
        for (var i = 0; i < label.Length; i++)
        {
            if (!fc.InCommunity[i]) { label[i] = -2; continue; }
            var owners = fc.ShapesOf[i];
            label[i] = owners.Count == 0 ? -1 : owners.FirstOrDefault(o => isFixed[o], owners[0]);
        }
        FillGaps(fc, label, isFixed);
        JoinStrayParts(fc, label, isFixed, grids, locationOf);

        var facesOf = new List<int>[grids.Count];
        for (var g = 0; g < grids.Count; g++) facesOf[g] = [];
        for (var i = 0; i < label.Length; i++)
        {
            if (label[i] >= 0) facesOf[label[i]].Add(i);
        }
        var result = new List<Grid>(grids.Count);
        for (var g = 0; g < grids.Count; g++)
        {
            var outline = fc.Outline(facesOf[g]);
            var old = grids[g].Boundary;
            if (old.Factory.PrecisionModel.Equals(GridPrecision.Model) || GridPrecision.IsOnGrid(old))
            {
                if (SameShape(old, outline)) outline = old;
            }
            result.Add(grids[g] with { Boundary = outline });
        }
        return result;
    }

    /// <summary>Rebuilds every community's grids (in parallel); grids of communities not listed are returned as they are.</summary>
    public static List<Grid> RebuildAll(IReadOnlyList<Community> communities, IReadOnlyList<Grid> grids, IReadOnlySet<string>? fixedCodes = null,
        Func<string, Coordinate?>? locationOf = null, int parallelism = 1)
    {
        var byCommunity = grids.ToLookup(g => g.CommunityCode);
        var known = communities.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var rebuilt = new List<Grid>[communities.Count];
        Parallel.For(0, communities.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            i => rebuilt[i] = Rebuild(communities[i].Boundary, byCommunity[communities[i].Code].ToList(), fixedCodes, locationOf));
        var result = rebuilt.SelectMany(r => r).ToList();
        result.AddRange(grids.Where(g => !known.Contains(g.CommunityCode)));
        var order = grids.Select((g, i) => (g.Code, i)).GroupBy(x => x.Code).ToDictionary(x => x.Key, x => x.First().i);
        return result.OrderBy(g => order.GetValueOrDefault(g.Code)).ToList();
    }

    /// <summary>True when both are the same point set with the same vertices (ring start and orientation aside).</summary>
    public static bool SameShape(Geometry a, Geometry b)
    {
        if (a.NumPoints != b.NumPoints || a.NumGeometries != b.NumGeometries) return false;
        var na = a.Copy();
        na.Normalize();
        var nb = b.Copy();
        nb.Normalize();
        return na.EqualsExact(nb);
    }

    private static void FillGaps(FaceCoverage fc, int[] label, bool[] isFixed)
    {
        var pending = Enumerable.Range(0, label.Length).Where(i => label[i] == -1).ToList();
        while (pending.Count > 0)
        {
            var left = new List<int>();
            var decided = new List<(int Face, int Label)>();
            foreach (var i in pending)
            {
                var best = BestNeighbour(fc, i, label, isFixed, exclude: -1);
                if (best >= 0) decided.Add((i, best));
                else left.Add(i);
            }
            if (decided.Count == 0) break;
            foreach (var (i, l) in decided) label[i] = l;
            pending = left;
        }
    }

    /// <summary>The label sharing most edge with face <paramref name="i"/>: a label that is not fixed when there is one.</summary>
    private static int BestNeighbour(FaceCoverage fc, int i, int[] label, bool[] isFixed, int exclude)
    {
        var shared = new Dictionary<int, double>();
        foreach (var (j, len) in fc.Neighbours[i])
        {
            var l = label[j];
            if (l < 0 || l == exclude) continue;
            shared[l] = shared.GetValueOrDefault(l) + len;
        }
        if (shared.Count == 0) return -1;
        return shared.OrderBy(kv => isFixed[kv.Key] ? 1 : 0).ThenByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
    }

    private static void JoinStrayParts(FaceCoverage fc, int[] label, bool[] isFixed, IReadOnlyList<Grid> grids, Func<string, Coordinate?>? locationOf)
    {
        for (var round = 0; round < 8; round++)
        {
            var changed = false;
            var facesOf = new List<int>[grids.Count];
            for (var g = 0; g < grids.Count; g++) facesOf[g] = [];
            for (var i = 0; i < label.Length; i++) if (label[i] >= 0) facesOf[label[i]].Add(i);
            for (var g = 0; g < grids.Count; g++)
            {
                if (facesOf[g].Count < 2) continue;
                var parts = fc.Components(facesOf[g]);
                if (parts.Count < 2) continue;
                var members = MemberPoints(grids[g], locationOf);
                foreach (var inPiece in parts.GroupBy(p => fc.Piece[p[0]]).Where(x => x.Count() > 1))
                {
                    var ranked = inPiece.Select(p => (Faces: p, Members: CountMembers(fc, p, members), Area: p.Sum(i => fc.AreaM2[i])))
                        .OrderByDescending(x => x.Members).ThenByDescending(x => x.Area).ToList();
                    foreach (var stray in ranked.Skip(1).Where(x => x.Members == 0))
                    {
                        var target = BestNeighbourOfPart(fc, stray.Faces, label, isFixed, g);
                        if (target < 0) continue;
                        foreach (var i in stray.Faces) label[i] = target;
                        changed = true;
                    }
                }
            }
            if (!changed) return;
        }
    }

    private static int BestNeighbourOfPart(FaceCoverage fc, List<int> part, int[] label, bool[] isFixed, int own)
    {
        var shared = new Dictionary<int, double>();
        var set = part.ToHashSet();
        foreach (var i in part)
        foreach (var (j, len) in fc.Neighbours[i])
        {
            if (set.Contains(j) || label[j] < 0 || label[j] == own) continue;
            shared[label[j]] = shared.GetValueOrDefault(label[j]) + len;
        }
        if (shared.Count == 0) return -1;
        return shared.OrderBy(kv => isFixed[kv.Key] ? 1 : 0).ThenByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
    }

    private static List<Coordinate> MemberPoints(Grid g, Func<string, Coordinate?>? locationOf)
    {
        var result = new List<Coordinate>();
        if (locationOf is null) return result;
        foreach (var m in g.Buildings)
        {
            if (locationOf(m) is { } c) result.Add(c);
        }
        return result;
    }

    private static int CountMembers(FaceCoverage fc, List<int> faces, List<Coordinate> members)
    {
        if (members.Count == 0) return 0;
        var count = 0;
        foreach (var m in members)
        {
            foreach (var i in faces)
            {
                var face = fc.Faces[i];
                if (!face.EnvelopeInternal.Contains(m)) continue;
                if (NetTopologySuite.Algorithm.Locate.SimplePointInAreaLocator.Locate(m, face) != Location.Exterior) { count++; break; }
            }
        }
        return count;
    }
}

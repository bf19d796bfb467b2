using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Algorithm.Distance;
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
    /// <param name="householdsOf">The households of a member (<see cref="PlanGate.Households"/>); with it, a part cut off from
    /// its grid (a neck narrower than 1e-7° closed by snapping) whose members it knows joins the neighbour (not fixed) it
    /// shares most edge with, members and households with it.</param>
    public static List<Grid> Rebuild(Geometry community, IReadOnlyList<Grid> grids, IReadOnlySet<string>? fixedCodes = null,
        Func<string, Coordinate?>? locationOf = null, Func<string, int?>? householdsOf = null, int maxHouseholds = int.MaxValue)
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
        var members = grids.Select(g => g.Buildings.ToList()).ToArray();
        var households = grids.Select(g => g.Households).ToArray();
        JoinStrayParts(fc, label, isFixed, members, households, locationOf, householdsOf, maxHouseholds);

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
            result.Add(households[g] == grids[g].Households && members[g].Count == grids[g].Buildings.Count
                ? grids[g] with { Boundary = outline }
                : grids[g] with { Boundary = outline, Buildings = members[g], Households = households[g] });
        }
        return result;
    }

    /// <summary>Rebuilds every community's grids (in parallel); grids of communities not listed are returned as they are.</summary>
    public static List<Grid> RebuildAll(IReadOnlyList<Community> communities, IReadOnlyList<Grid> grids, IReadOnlySet<string>? fixedCodes = null,
        Func<string, Coordinate?>? locationOf = null, int parallelism = 1, Func<string, int?>? householdsOf = null)
    {
        var byCommunity = grids.ToLookup(g => g.CommunityCode);
        var known = communities.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var rebuilt = new List<Grid>[communities.Count];
        Parallel.For(0, communities.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            i => rebuilt[i] = Rebuild(communities[i].Boundary, byCommunity[communities[i].Code].ToList(), fixedCodes, locationOf, householdsOf));
        var result = rebuilt.SelectMany(r => r).ToList();
        result.AddRange(grids.Where(g => !known.Contains(g.CommunityCode)));
        var order = grids.Select((g, i) => (g.Code, i)).GroupBy(x => x.Code).ToDictionary(x => x.Key, x => x.First().i);
        return result.OrderBy(g => order.GetValueOrDefault(g.Code)).ToList();
    }

    /// <summary>
    /// True when <paramref name="after"/> is <paramref name="before"/> as the face coverage keeps it: identical, or moved by at
    /// most one 1e-7° step where a neighbour's junction became a vertex of it (<see cref="GridCoverageValidator.SnapTolerance"/>).
    /// </summary>
    public static bool SameOutline(Geometry before, Geometry after) =>
        before.EqualsExact(after) || SameShape(before, after)
        || (before.NumGeometries == after.NumGeometries
            && DiscreteHausdorffDistance.Distance(before.Boundary, after.Boundary) <= GridCoverageValidator.SnapTolerance
            && DiscreteHausdorffDistance.Distance(after.Boundary, before.Boundary) <= GridCoverageValidator.SnapTolerance);

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

    private static void JoinStrayParts(FaceCoverage fc, int[] label, bool[] isFixed, List<string>[] members, int[] households,
        Func<string, Coordinate?>? locationOf, Func<string, int?>? householdsOf, int maxHouseholds)
    {
        for (var round = 0; round < 8; round++)
        {
            var changed = false;
            var facesOf = new List<int>[members.Length];
            for (var g = 0; g < members.Length; g++) facesOf[g] = [];
            for (var i = 0; i < label.Length; i++) if (label[i] >= 0) facesOf[label[i]].Add(i);
            for (var g = 0; g < members.Length; g++)
            {
                if (facesOf[g].Count < 2) continue;
                var parts = fc.Components(facesOf[g]);
                if (parts.Count < 2) continue;
                var points = MemberPoints(members[g], locationOf);
                foreach (var inPiece in parts.GroupBy(p => fc.Piece[p[0]]).Where(x => x.Count() > 1))
                {
                    var ranked = inPiece.Select(p =>
                        {
                            var inside = MembersIn(fc, p, points);
                            return (Faces: p, Members: inside, Households: inside.Sum(m => householdsOf?.Invoke(m) ?? 1), Area: p.Sum(i => fc.AreaM2[i]));
                        })
                        .OrderByDescending(x => x.Households).ThenByDescending(x => x.Members.Count).ThenByDescending(x => x.Area).ToList();
                    var main = ranked[0].Faces.ToHashSet();
                    foreach (var stray in ranked.Skip(1))
                    {
                        var carries = stray.Members.Count > 0;
                        // A part with members cut off by a collapsed neck is joined back first, through at most three faces of
                        // neighbours (not fixed) that hold no member of any grid.
                        if (carries && Bridge(fc, stray.Faces, main, label, isFixed, Occupied(fc, members, locationOf)) is { } path)
                        {
                            foreach (var i in path) label[i] = g;
                            changed = true;
                            continue;
                        }
                        // A part holding members moves only with them, only when the households of each are known,
                        // and never into a fixed grid (its members are authoritative too).
                        if (carries && (householdsOf is null || stray.Members.Any(m => householdsOf(m) is null))) continue;
                        // A neighbour the part's households keep within the maximum goes first.
                        var target = BestNeighbourOfPart(fc, stray.Faces, label, isFixed, g, allowFixed: !carries,
                            fits: t => households[t] + stray.Households <= maxHouseholds);
                        if (target < 0) continue;
                        foreach (var i in stray.Faces) label[i] = target;
                        if (carries)
                        {
                            var moving = stray.Members.ToHashSet(StringComparer.Ordinal);
                            members[g].RemoveAll(moving.Contains);
                            members[target].AddRange(stray.Members);
                            households[g] -= stray.Households;
                            households[target] += stray.Households;
                            foreach (var m in stray.Members) points.Remove(m);
                        }
                        changed = true;
                    }
                }
            }
            if (!changed) return;
        }
    }

    private static List<int>? Bridge(FaceCoverage fc, List<int> from, HashSet<int> to, int[] label, bool[] isFixed, HashSet<int> occupied)
    {
        var start = from.ToHashSet();
        var previous = new Dictionary<int, int>();
        var frontier = new List<int>();
        foreach (var i in from)
        foreach (var j in fc.Neighbours[i].Keys)
        {
            if (start.Contains(j) || previous.ContainsKey(j) || !Free(j)) continue;
            previous[j] = -1;
            frontier.Add(j);
        }
        for (var depth = 0; depth < 3 && frontier.Count > 0; depth++)
        {
            var next = new List<int>();
            foreach (var f in frontier.OrderBy(f => fc.AreaM2[f]))
            {
                if (fc.Neighbours[f].Keys.Any(to.Contains))
                {
                    var path = new List<int>();
                    for (var x = f; x >= 0; x = previous[x]) path.Add(x);
                    return path;
                }
                foreach (var j in fc.Neighbours[f].Keys)
                {
                    if (start.Contains(j) || previous.ContainsKey(j) || !Free(j)) continue;
                    previous[j] = f;
                    next.Add(j);
                }
            }
            frontier = next;
        }
        return null;

        bool Free(int face) => label[face] >= 0 && !isFixed[label[face]] && !occupied.Contains(face) && !to.Contains(face);
    }

    private static HashSet<int> Occupied(FaceCoverage fc, List<string>[] members, Func<string, Coordinate?>? locationOf)
    {
        var result = new HashSet<int>();
        if (locationOf is null) return result;
        var all = members.SelectMany(m => m).Select(locationOf).OfType<Coordinate>().ToList();
        for (var i = 0; i < fc.Faces.Count; i++)
        {
            var face = fc.Faces[i];
            if (all.Any(c => face.EnvelopeInternal.Contains(c) && NetTopologySuite.Algorithm.Locate.SimplePointInAreaLocator.Locate(c, face) != Location.Exterior))
                result.Add(i);
        }
        return result;
    }

    private static int BestNeighbourOfPart(FaceCoverage fc, List<int> part, int[] label, bool[] isFixed, int own, bool allowFixed, Func<int, bool> fits)
    {
        var shared = new Dictionary<int, double>();
        var set = part.ToHashSet();
        foreach (var i in part)
        foreach (var (j, len) in fc.Neighbours[i])
        {
            if (set.Contains(j) || label[j] < 0 || label[j] == own || (!allowFixed && isFixed[label[j]])) continue;
            shared[label[j]] = shared.GetValueOrDefault(label[j]) + len;
        }
        if (shared.Count == 0) return -1;
        return shared.OrderBy(kv => fits(kv.Key) ? 0 : 1).ThenBy(kv => isFixed[kv.Key] ? 1 : 0).ThenByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
    }

    private static Dictionary<string, Coordinate> MemberPoints(List<string> members, Func<string, Coordinate?>? locationOf)
    {
        var result = new Dictionary<string, Coordinate>(StringComparer.Ordinal);
        if (locationOf is null) return result;
        foreach (var m in members)
        {
            if (locationOf(m) is { } c) result[m] = c;
        }
        return result;
    }

    private static List<string> MembersIn(FaceCoverage fc, List<int> faces, Dictionary<string, Coordinate> points)
    {
        var result = new List<string>();
        foreach (var (m, c) in points)
        {
            foreach (var i in faces)
            {
                var face = fc.Faces[i];
                if (!face.EnvelopeInternal.Contains(c)) continue;
                if (NetTopologySuite.Algorithm.Locate.SimplePointInAreaLocator.Locate(c, face) != Location.Exterior) { result.Add(m); break; }
            }
        }
        return result;
    }
}

using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Turns a repair run into the community's final grids and makes the assignment the rebuild leaves the one bounds are
/// checked and repaired on. <see cref="GridAssembly"/> unions each changed grid's cells in metres; <see cref="GridOutlines.Rebuild"/>
/// then puts the grids on the community's face coverage at 1e-7°, where a neck narrower than a grid step closes and the part
/// it held, with its buildings, joins a neighbour — one that may then be over the maximum. When the rebuild moved members,
/// their atoms take the grid the rebuild gave them, the adjacency between them and the grid they left (which they no longer
/// border) is dropped, and the bounds repair runs again from there; up to <see cref="MaxRounds"/> times, after which the
/// rebuild's assignment stands (and the caller warns about a grid out of bounds).
/// </summary>
internal static class FinalAssembly
{
    /// <summary>Most assemble → rebuild → repair rounds.</summary>
    private const int MaxRounds = 3;

    /// <summary>What <see cref="Finish"/> needs of the community beside the run.</summary>
    public sealed record Context(
        Community Community, LocalMetricProjection Projection, IReadOnlyList<Grid> OldBasic, IReadOnlyList<Geometry> OldM, IReadOnlyList<Atom> Atoms,
        IReadOnlyList<Piece> Pieces, int[] RegionOfBlock, IReadOnlySet<string> Locked, IReadOnlyList<Grid> OldDedicated,
        IReadOnlyList<List<Building>> DedicatedMembers, Func<string, Coordinate?> LocationOf, Func<string, int?> HouseholdsOf,
        HouseholdBounds Bounds);

    /// <summary>The final grids (outlines on the face coverage), their changes, the households moved and the run's order.</summary>
    public sealed record Finished(List<Grid> Grids, List<GridChange> Changes, long Moved, List<PartitionWarning> Warnings, RepairOrder Order);

    /// <param name="restart">Starts a run in the same order on a graph from an assignment.</param>
    public static Finished Finish(RepairRun run, Context ctx, Func<RepairOrder, AtomGraph, int[]?, RepairRun> restart)
    {
        for (var round = 1; ; round++)
        {
            var warnings = new List<PartitionWarning>();
            var assembled = GridAssembly.Assemble(ctx.Community, ctx.Projection, ctx.OldBasic, ctx.OldM, run.State, ctx.Atoms, ctx.Pieces,
                ctx.RegionOfBlock, ctx.Locked, warnings, ctx.OldDedicated.Select(g => g.Code));
            AddDedicated(ctx, assembled);
            var kept = assembled.Changes.Where(c => c.Kind is GridChangeKind.Unchanged or GridChangeKind.Recounted || c.Locked)
                .Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            var rebuilt = GridOutlines.Rebuild(ctx.Community.Boundary, assembled.Grids, kept, ctx.LocationOf, ctx.HouseholdsOf, ctx.Bounds.Max);
            var shifted = Shifted(run.State, ctx.Atoms, assembled, rebuilt);
            var shiftedAtoms = shifted.Select(s => s.Atom).ToHashSet();
            shifted.AddRange(Stranded(run, ctx, assembled, rebuilt).Where(x => !shiftedAtoms.Contains(x.Atom)));
            if (shifted.Count > 0 && round < MaxRounds && shifted.Any(s => !run.State.Locked[s.To]))
            {
                var start = (int[])run.State.GridOf.Clone();
                foreach (var (a, to) in shifted) start[a] = to;
                run = restart(run.Order, WithoutEdgesToFormerGrid(run.Graph, run.State, shifted), start).Run();
                continue;
            }
            // The rebuild's assignment stands: the households it moved count as moved, and the changes say what it left.
            foreach (var (a, to) in shifted) run.State.Move(a, to);
            var households = rebuilt.ToDictionary(g => g.Code, g => g.Households, StringComparer.Ordinal);
            var changes = assembled.Changes.Select(c => households.TryGetValue(c.Code, out var h) && h != c.HouseholdsAfter
                ? c with { HouseholdsAfter = h, Kind = c.Kind == GridChangeKind.Unchanged ? GridChangeKind.Recounted : c.Kind }
                : c).ToList();
            return new Finished(rebuilt, changes, run.Moved, warnings, run.Order);
        }
    }

    private static void AddDedicated(Context ctx, GridAssembly.Assembled assembled)
    {
        // Dedicated grids keep their area and take the buildings inside it.
        for (var d = 0; d < ctx.OldDedicated.Count; d++)
        {
            var g = ctx.OldDedicated[d];
            var members = ctx.DedicatedMembers[d].Select(b => b.Id).ToList();
            var households = ctx.DedicatedMembers[d].Sum(b => b.Households);
            var same = members.ToHashSet().SetEquals(g.Buildings) && households == g.Households;
            assembled.Grids.Add(g with { Buildings = same ? g.Buildings : members, Households = households });
            assembled.Changes.Add(new GridChange(g.Code, ctx.Community.Code, same ? GridChangeKind.Unchanged : GridChangeKind.Recounted,
                g.Households, households, ctx.Locked.Contains(g.Code)));
        }
    }

    /// <summary>The atoms (hosts) the rebuild put in another basic grid than the assembly did, with the state's index of that grid.</summary>
    private static List<(int Atom, int To)> Shifted(RepairState state, IReadOnlyList<Atom> atoms, GridAssembly.Assembled assembled, List<Grid> rebuilt)
    {
        var result = new List<(int, int)>();
        var seen = new HashSet<(int, int)>();
        var before = assembled.Grids.ToDictionary(g => g.Code, g => g.Buildings.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        Dictionary<string, List<int>>? atomsOf = null;
        foreach (var g in rebuilt)
        {
            if (!assembled.IndexOf.TryGetValue(g.Code, out var to) || !before.TryGetValue(g.Code, out var had)) continue;
            foreach (var name in g.Buildings.Where(m => !had.Contains(m)))
            {
                atomsOf ??= atoms.GroupBy(a => a.BuildingId).ToDictionary(x => x.Key, x => x.Select(a => a.Index).ToList(), StringComparer.Ordinal);
                var id = name.Split('#')[0];
                if (!atomsOf.TryGetValue(id, out var list)) continue;
                foreach (var a in list.Where(a => name == id || atoms[a].MemberName == name))
                {
                    var host = state.Host(a);
                    if (state.GridOf[host] != to && seen.Add((host, to))) result.Add((host, to));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The atoms of members the rebuild had to leave in a part of their grid cut off inside one community piece (no
    /// neighbour it could give them to without breaking a kept grid), each part with the neighbouring grid its atoms share
    /// most boundary with in the graph (an unlocked one first): the part must join a neighbour, and bounds are then repaired.
    /// </summary>
    private static List<(int Atom, int To)> Stranded(RepairRun run, Context ctx, GridAssembly.Assembled assembled, List<Grid> rebuilt)
    {
        var result = new List<(int, int)>();
        var state = run.State;
        var pieces = Enumerable.Range(0, ctx.Community.Boundary.NumGeometries).Select(ctx.Community.Boundary.GetGeometryN).ToList();
        foreach (var g in rebuilt.Where(g => g.Boundary.NumGeometries > 1 && assembled.IndexOf.ContainsKey(g.Code)))
        {
            var own = assembled.IndexOf[g.Code];
            var parts = Enumerable.Range(0, g.Boundary.NumGeometries).Select(g.Boundary.GetGeometryN).ToList();
            var atomsOf = parts.Select(p => state.Members[own].Where(a => p.Covers(p.Factory.CreatePoint(Wgs84(ctx, a)))).ToList()).ToList();
            var pieceOf = parts.Select(p => pieces.FindIndex(c => c.Covers(p.InteriorPoint))).ToList();
            foreach (var group in Enumerable.Range(0, parts.Count).GroupBy(i => pieceOf[i]).Where(x => x.Count() > 1))
            {
                var main = group.OrderByDescending(i => atomsOf[i].Sum(a => state.Weight[a])).ThenByDescending(i => parts[i].Area).First();
                foreach (var i in group.Where(i => i != main && atomsOf[i].Count > 0))
                {
                    var shared = new Dictionary<int, double>();
                    foreach (var a in atomsOf[i])
                    foreach (var e in run.Graph.Edges[a])
                    {
                        var h = state.FinalGrid(e.To);
                        if (h != own && h >= 0) shared[h] = shared.GetValueOrDefault(h) + e.Length;
                    }
                    if (shared.Count == 0) continue;
                    var to = shared.OrderBy(kv => state.Locked[kv.Key] ? 1 : 0).ThenByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
                    result.AddRange(atomsOf[i].Select(a => (a, to)));
                }
            }
        }
        return result;
    }

    private static Coordinate Wgs84(Context ctx, int atom) => ctx.Projection.Inverse(ctx.Atoms[atom].Location.X, ctx.Atoms[atom].Location.Y);

    /// <summary>The graph without the edges between each shifted atom and the atoms of the grid it left (they no longer border on the grid).</summary>
    private static AtomGraph WithoutEdgesToFormerGrid(AtomGraph graph, RepairState state, List<(int Atom, int To)> shifted)
    {
        var moving = shifted.Select(s => s.Atom).ToHashSet();
        var cut = new HashSet<(int, int)>();
        foreach (var (a, _) in shifted)
        {
            var former = state.GridOf[a];
            foreach (var e in graph.Edges[a])
            {
                if (moving.Contains(e.To) || state.FinalGrid(e.To) != former) continue;
                cut.Add((a, e.To));
                cut.Add((e.To, a));
            }
        }
        var edges = new List<AtomEdge>[graph.Count];
        for (var a = 0; a < graph.Count; a++) edges[a] = graph.Edges[a].Where(e => !cut.Contains((a, e.To))).ToList();
        return CommunityRebalancer.WithEdges(graph, edges);
    }
}

using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Rebalances one community, in its local metric projection, with the partition engine's phases: the basic area is cut
/// into blocks along barriers <em>and the old grid boundaries</em> (so every cell lies inside one old grid), tessellated
/// into atom cells and turned into the adjacency graph. Each atom starts in the old grid whose area holds its cell (a new
/// building thus joins the grid that contains it; a demolished one is simply absent; a piece under Min, such as a small
/// exclave, rides with its grid). Out-of-bounds grids are then repaired by a <see cref="RepairRun"/>: new buildings that
/// took a grid over Max and make grids of their own become those grids (<see cref="GridSplit.SplitOffNew"/>), and grids
/// shed or absorb boundary atoms (<see cref="BoundsRepair"/>), are split, dissolved or cut anew with their neighbours.
/// Where a grid is out of bounds the rules run in every order (<see cref="RepairOrder"/>: neighbours first, re-cut first,
/// merge first, search first) and the plan leaving fewer households out of bounds, then moving fewer households, is kept when it passes the gate
/// (<see cref="RebalanceChoice"/> says which and why). <see cref="FinalAssembly"/> turns the assignment into grids on the
/// community's face coverage and repairs bounds again on the assignment the outline rebuild leaves. Grids no atom left or
/// entered keep their exact old geometry and code; changed and new grids are the union of their cells within the changed
/// area. Locked grids never change (their members follow the buildings inside them). Dedicated grids keep their area and
/// take the buildings inside it.
/// </summary>
internal static class CommunityRebalancer
{
    public sealed record Outcome(List<Grid> Grids, List<GridChange> Changes, long Moved, List<PartitionWarning> Warnings, RebalanceChoice? Choice = null);

    public static Outcome Rebalance(CommunityInput input, IReadOnlyList<Grid> oldGrids, IReadOnlySet<string> locked, PartitionOptions options)
    {
        var c = input.Community;
        var bounds = new HouseholdBounds(options.Min, options.Max);
        var warnings = new List<PartitionWarning>();
        var oldBasic = oldGrids.Where(g => g.Kind == GridKinds.Basic).OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        var oldDedicated = oldGrids.Where(g => g.Kind != GridKinds.Basic).OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        if (oldBasic.Count == 0) return FromScratch(input, options);

        var projection = LocalMetricProjection.Around(c.Boundary);
        var pm = LocalMetricProjection.MetricPrecision;
        var f = LocalMetricProjection.MetricFactory;
        // The old outlines lie on the 1e-7° grid; the community is taken on it too, so that no sliver (millimetres wide) lies
        // between them along the community line. Such a sliver joined cells that do not border each other, and the final
        // outline rebuild, where it collapses, cut the grid apart and moved the cut-off part to a neighbour over Max.
        var communityM = GridOverlay.Valid(projection.ToMetric(GridPrecision.Snap(c.Boundary)), f);
        var oldM = oldBasic.Select(g => GridOverlay.Valid(projection.ToMetric(GridPrecision.Snap(g.Boundary)), f)).ToList();

        // Dedicated grids keep their area; their members are the buildings listed in them or standing in them.
        var dedicatedOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < oldDedicated.Count; d++)
        {
            foreach (var m in oldDedicated[d].Buildings) dedicatedOf[m.Split('#')[0]] = d;
        }
        var listedBasic = oldBasic.SelectMany(g => g.Buildings).Select(m => m.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        var dedicatedMembers = oldDedicated.Select(_ => new List<Building>()).ToList();
        var basicBuildings = new List<Building>();
        foreach (var b in input.Buildings)
        {
            var d = dedicatedOf.TryGetValue(b.Id, out var listed) ? listed
                : listedBasic.Contains(b.Id) ? -1
                : oldDedicated.FindIndex(g => g.Boundary.Covers(b.Location));
            if (d >= 0) dedicatedMembers[d].Add(b);
            else basicBuildings.Add(b);
        }
        var basicArea = communityM;
        if (oldDedicated.Count > 0)
        {
            var dedicatedM = GridOverlay.Union(oldDedicated.Select(g => GridOverlay.Valid(projection.ToMetric(g.Boundary), f)).ToList(), f);
            basicArea = GridOverlay.Difference(communityM, dedicatedM, pm);
        }

        var atoms = AtomBuilder.Build(basicBuildings, projection, bounds, input.UnitHouseholds);
        var lines = input.Barriers.Select(b => (projection.ToMetric(b.Line), BarrierClassOf.Kind(b.Kind)))
            .Concat(oldM.Select(g => (g.Boundary, BarrierClass.None)));
        var blocks = new BlockBuilder(basicArea, lines);
        var pieces = CommunityTessellator.Tessellate(blocks.Blocks, atoms);
        // Cells of neighbouring blocks (old grids) meet only once their shared edges have the same vertices on both
        // sides; without this no atom would border another grid and no grid could shed or absorb.
        PieceNoder.Node(pieces);
        var ownBlock = new int[atoms.Count];
        Array.Fill(ownBlock, -1);
        foreach (var p in pieces)
        {
            if (p.Atom >= 0 && ownBlock[p.Atom] < 0) ownBlock[p.Atom] = p.Block;
        }
        var graph = AdjacencyGraphBuilder.Build(atoms, pieces, blocks);
        var regionOfBlock = blocks.Blocks.Select(b => RegionOf(b.Shape.InteriorPoint, oldM)).ToArray();
        var home = new int[atoms.Count];
        for (var a = 0; a < atoms.Count; a++)
            home[a] = ownBlock[a] >= 0 ? regionOfBlock[ownBlock[a]] : RegionOf(f.CreatePoint(atoms[a].Location), oldM);

        graph = WithSmallPiecesRiding(WithoutForeignEdges(graph, pieces, home, regionOfBlock), atoms, home, bounds);
        bool IsNew(int a) => !listedBasic.Contains(atoms[a].BuildingId);
        var seed = unchecked(options.Seed * 1_000_003 + CommunityPlanner.StableHash(c.Code));
        RepairRun Start(RepairOrder order, AtomGraph on, int[]? from) =>
            new(on, home, atoms, oldBasic.Count, g => locked.Contains(oldBasic[g].Code), bounds, options, seed, IsNew, order, from);

        // Compute all, keep fewest moves: where a grid is out of bounds, the rules run in each order and the plan that
        // leaves fewer households out of bounds, then moves fewer households, is kept if it passes the gate.
        var first = Start(RepairOrder.NeighboursFirst, graph, null);
        var needsRepair = first.Violation > 0;
        var runs = new List<RepairRun> { first.Run() };
        if (needsRepair)
        {
            runs.Add(Start(RepairOrder.RecutFirst, graph, null).Run());
            runs.Add(Start(RepairOrder.MergeFirst, graph, null).Run());
            runs.Add(Start(RepairOrder.SearchFirst, graph, null).Run());
        }
        // The outline rebuild hands a part cut off from its grid, members and all, to a neighbour when it knows the members'
        // households: whole buildings and stair units, counted as the atoms count them (a building's units, placed a metre
        // apart, can be cut off together from a grid whose body lies elsewhere).
        var householdsOf = PlanGate.Households(input.Buildings, input.UnitHouseholds);
        var context = new FinalAssembly.Context(c, projection, oldBasic, oldM, atoms, pieces, regionOfBlock, locked, oldDedicated, dedicatedMembers,
            PlanGate.Locations(input.Buildings), householdsOf, bounds);

        // The outline rebuild can still move members (a part cut off by snapping joins a neighbour), so each order is finished
        // and gated, and the orders are weighed on what they finally give: households out of bounds, then moved.
        var failed = new List<(RepairOrder Order, string Problems)>();
        var finishedRuns = new List<(RepairOrder Order, long Moved, long Violation)>();
        (FinalAssembly.Finished Plan, long Violation)? best = null;
        FinalAssembly.Finished? fallback = null;
        bool Counts(Grid g) => g.Kind == GridKinds.Basic && !locked.Contains(g.Code);
        foreach (var run in runs)
        {
            var finished = FinalAssembly.Finish(run, context, Start);
            var violation = finished.Grids.Where(Counts).Sum(g => bounds.Violation(g.Households));
            finishedRuns.Add((run.Order, finished.Moved, violation));
            var problems = runs.Count > 1 ? GridCoverageValidator.Validate(c, finished.Grids) : [];
            if (problems.Count > 0)
            {
                failed.Add((run.Order, GridCoverageValidator.Describe(problems, 3)));
                fallback ??= finished;
            }
            else if (best is not { } b || violation < b.Violation || (violation == b.Violation && finished.Moved < b.Plan.Moved))
            {
                best = (finished, violation);
            }
        }
        var chosen = best?.Plan ?? fallback!;
        warnings.AddRange(chosen.Warnings);
        foreach (var g in chosen.Grids.Where(g => Counts(g) && !bounds.Contains(g.Households)))
        {
            warnings.Add(new PartitionWarning(c.Code,
                $"grid {g.Code} has {g.Households} households, outside {bounds.Min}..{bounds.Max}: no neighbour could give or take enough, and splitting or dissolving it could not help"));
        }
        chosen.Grids.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var choice = runs.Count > 1 ? RebalanceChoice.Of(c.Code, chosen.Order, finishedRuns, failed) : null;
        return new Outcome(chosen.Grids, chosen.Changes, chosen.Moved, warnings, choice);
    }

    private static Outcome FromScratch(CommunityInput input, PartitionOptions options)
    {
        var (grids, warnings) = CommunityPlanner.PlanOnCoverage(input, options);
        var changes = grids.Select(g => new GridChange(g.Code, input.Community.Code, GridChangeKind.Created, 0, g.Households, false)).ToList();
        return new Outcome(grids, changes, 0, warnings);
    }

    /// <summary>
    /// The exclave rule of the partition (<see cref="CommunitySolver"/>): a piece of the basic area whose atoms hold fewer than
    /// Min households (an exclave with a few houses) rides whole with an atom of a larger piece, here the nearest one of the
    /// old grid that holds the piece, so that the piece moves only with it: a grid holding it can still shed, take and be
    /// dissolved, and its part on the larger piece is what must stay connected.
    /// </summary>
    private static AtomGraph WithSmallPiecesRiding(AtomGraph graph, IReadOnlyList<Atom> atoms, int[] home, HouseholdBounds bounds)
    {
        var n = atoms.Count;
        var pieceOf = new int[n];
        Array.Fill(pieceOf, -1);
        var pieces = new List<List<int>>();
        for (var s = 0; s < n; s++)
        {
            if (graph.HostOf[s] >= 0 || pieceOf[s] >= 0) continue;
            var piece = new List<int> { s };
            pieceOf[s] = pieces.Count;
            for (var i = 0; i < piece.Count; i++)
            {
                foreach (var e in graph.Edges[piece[i]])
                {
                    if (graph.HostOf[e.To] < 0 && pieceOf[e.To] < 0) { pieceOf[e.To] = pieces.Count; piece.Add(e.To); }
                }
            }
            pieces.Add(piece);
        }
        var total = new long[pieces.Count];
        for (var a = 0; a < n; a++) total[pieceOf[graph.HostOf[a] >= 0 ? graph.HostOf[a] : a]] += atoms[a].Households;
        var large = Enumerable.Range(0, pieces.Count).Where(p => total[p] >= bounds.Min).ToHashSet();
        if (large.Count == 0 || large.Count == pieces.Count) return graph;

        var hostOf = (int[])graph.HostOf.Clone();
        var candidates = large.SelectMany(p => pieces[p]).Order().ToList();
        for (var p = 0; p < pieces.Count; p++)
        {
            if (large.Contains(p)) continue;
            var grid = pieces[p].GroupBy(a => home[a]).OrderByDescending(x => x.Sum(a => atoms[a].Households)).ThenBy(x => x.Key).First().Key;
            var cx = pieces[p].Average(a => graph.Centroid[a].X);
            var cy = pieces[p].Average(a => graph.Centroid[a].Y);
            double Distance(int a) => (graph.Centroid[a].X - cx) * (graph.Centroid[a].X - cx) + (graph.Centroid[a].Y - cy) * (graph.Centroid[a].Y - cy);
            var own = candidates.Where(a => home[a] == grid).ToList();
            var host = (own.Count > 0 ? own : candidates).OrderBy(Distance).ThenBy(a => a).First();
            for (var a = 0; a < n; a++)
            {
                var h = graph.HostOf[a] >= 0 ? graph.HostOf[a] : a;
                if (pieceOf[h] == p) hostOf[a] = host;
            }
        }
        return new AtomGraph
        {
            Count = graph.Count, Edges = graph.Edges, Area = graph.Area, Perimeter = graph.Perimeter, Centroid = graph.Centroid,
            Cells = graph.Cells, HostOf = hostOf, Unreached = graph.Unreached,
        };
    }

    /// <summary>
    /// An atom's cell can take in a fragment (a piece without a building) of another old grid's area. An old grid that keeps
    /// its shape keeps such a fragment (<see cref="GridAssembly"/>), so two atoms that border each other only along it would
    /// not border each other in the new grids: such edges are dropped, so that a grid connected in the graph is one polygon.
    /// </summary>
    private static AtomGraph WithoutForeignEdges(AtomGraph graph, List<Piece> pieces, int[] home, int[] regionOfBlock)
    {
        var atomsOfSegment = new Dictionary<(double, double, double, double), List<int>>();
        foreach (var p in pieces)
        {
            // A sliver (narrower than the 1e-7° grid, about 1 cm) where two old outlines differ by a junction vertex is no
            // fragment: it vanishes on the grid, and the atoms on both sides of it do border each other.
            if (p.Atom < 0 || (regionOfBlock[p.Block] != home[p.Atom] && !IsSliver(p.Shape))) continue;
            foreach (var (a, b) in GridAssembly.Segments(p.Shape))
            {
                var key = PieceNoder.Key(a, b);
                if (!atomsOfSegment.TryGetValue(key, out var list)) atomsOfSegment[key] = list = [];
                if (!list.Contains(p.Atom)) list.Add(p.Atom);
            }
        }
        var own = new HashSet<(int, int)>();
        foreach (var list in atomsOfSegment.Values)
        {
            foreach (var x in list)
            foreach (var y in list)
            {
                if (x != y) own.Add((x, y));
            }
        }
        var edges = new List<AtomEdge>[graph.Count];
        var dropped = 0;
        for (var a = 0; a < graph.Count; a++)
        {
            edges[a] = graph.Edges[a].Where(e => own.Contains((a, e.To))).ToList();
            dropped += graph.Edges[a].Count - edges[a].Count;
        }
        return dropped == 0 ? graph : WithEdges(graph, edges);
    }

    /// <summary>The graph with other edges (same cells, hosts and fragments).</summary>
    internal static AtomGraph WithEdges(AtomGraph graph, List<AtomEdge>[] edges) => new()
    {
        Count = graph.Count, Edges = edges, Area = graph.Area, Perimeter = graph.Perimeter, Centroid = graph.Centroid,
        Cells = graph.Cells, HostOf = graph.HostOf, Unreached = graph.Unreached,
    };

    /// <summary>True when the piece is at most about a centimetre wide (twice its area over its perimeter, in metres).</summary>
    private static bool IsSliver(Geometry shape) => shape.Length > 0 && 2 * shape.Area / shape.Length < 0.02;

    /// <summary>The old grid whose area holds the point, else the nearest one.</summary>
    private static int RegionOf(Point p, IReadOnlyList<Geometry> oldM)
    {
        var best = -1;
        var distance = double.MaxValue;
        for (var i = 0; i < oldM.Count; i++)
        {
            if (!oldM[i].EnvelopeInternal.Contains(p.Coordinate) && best >= 0 && distance == 0) continue;
            var d = oldM[i].Covers(p) ? 0 : oldM[i].Distance(p);
            if (d < distance) { distance = d; best = i; }
            if (d == 0) break;
        }
        return best;
    }
}

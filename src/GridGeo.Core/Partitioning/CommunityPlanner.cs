using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using Barrier = GridGeo.Core.Model.Barrier;

namespace GridGeo.Core.Partitioning;

/// <summary>The input of one community's plan: its buildings, dedicated areas, the barriers near it, and the compounds its buildings belong to.</summary>
public sealed record CommunityInput(
    Community Community,
    IReadOnlyList<Building> Buildings,
    IReadOnlyList<DedicatedArea> DedicatedAreas,
    IReadOnlyList<Barrier> Barriers,
    IReadOnlyDictionary<string, SortedDictionary<int, int>>? UnitHouseholds,
    IReadOnlyList<Compound> Compounds);

/// <summary>
/// Plans the grids of one community, in its local metric projection: dedicated grids (each dedicated
/// area clipped to the community, holding the buildings linked to it), then the basic area (the rest)
/// cut into blocks along barriers, tessellated into cells per atom, solved, and unioned into grids;
/// fragments no building reaches join the nearest grid. Codes are assigned by <see cref="GridCodeAssigner"/>.
/// </summary>
public static class CommunityPlanner
{
    /// <summary>
    /// <see cref="Plan"/>, then the grids put on the community's face coverage on GridPrecision
    /// (<see cref="GridOutlines.Rebuild"/>): every outline exact, neighbours share edges.
    /// </summary>
    public static (List<Grid> Grids, List<PartitionWarning> Warnings) PlanOnCoverage(CommunityInput input, PartitionOptions options)
    {
        var (planned, warnings) = Plan(input, options);
        var grids = GridOutlines.Rebuild(input.Community.Boundary, planned, null, PlanGate.Locations(input.Buildings), PlanGate.Households(input.Buildings, input.UnitHouseholds), options.Max);
        return (grids, warnings);
    }

    public static (List<Grid> Grids, List<PartitionWarning> Warnings) Plan(CommunityInput input, PartitionOptions options)
    {
        var c = input.Community;
        var bounds = new HouseholdBounds(options.Min, options.Max);
        var warnings = new List<PartitionWarning>();
        var projection = LocalMetricProjection.Around(c.Boundary);
        var pm = LocalMetricProjection.MetricPrecision;
        var f = LocalMetricProjection.MetricFactory;
        // A boundary valid on the sphere can self-touch once taken to the 1 µm metric grid.
        var communityM = GridOverlay.Valid(projection.ToMetric(c.Boundary), f);

        var planned = new List<(Geometry Shape, string Kind, string? DedicatedKind, int Households, List<string> Members)>();
        var basicArea = communityM;
        var dedicatedIds = new HashSet<string>();
        foreach (var d in input.DedicatedAreas.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            var shape = GridOverlay.Intersection(GridOverlay.Valid(projection.ToMetric(d.Boundary), f), basicArea, pm);
            if (shape.IsEmpty || shape.Area < 1) continue;
            basicArea = GridOverlay.Difference(basicArea, shape, pm);
            var inside = input.Buildings.Where(b => b.DedicatedId == d.Id).ToList();
            dedicatedIds.Add(d.Id);
            planned.Add((shape, GridKinds.Dedicated, d.Kind, inside.Sum(b => b.Households), inside.Select(b => b.Id).ToList()));
        }

        var basicBuildings = input.Buildings.Where(b => b.DedicatedId is null || !dedicatedIds.Contains(b.DedicatedId)).ToList();
        var basicTotal = basicBuildings.Sum(b => (long)b.Households);
        if (!basicArea.IsEmpty && basicArea.Area > 0)
        {
            var atoms = AtomBuilder.Build(basicBuildings, projection, bounds, input.UnitHouseholds);
            var metricBarriers = input.Barriers.Select(b => (projection.ToMetric(b.Line), BarrierClassOf.Kind(b.Kind))).ToList();
            var compoundLines = input.Compounds.Select(k => (projection.ToMetric(k.Boundary).Boundary, BarrierClass.Soft)).ToList();
            // Compound boundaries cut blocks like walls, so a compound's buildings tile the compound.
            var graph = Graph(basicArea, atoms, metricBarriers.Concat(compoundLines));
            if (atoms.Count == 0)
            {
                planned.Add((basicArea, GridKinds.Basic, null, 0, []));
                warnings.Add(new PartitionWarning(c.Code, "the community has no households outside dedicated areas; one basic grid of 0 households covers its basic area"));
            }
            else
            {
                var seed = unchecked(options.Seed * 1_000_003 + StableHash(c.Code));
                var solution = new CommunitySolver(atoms, graph, bounds, options, seed).Solve();
                if (solution.Rank.CompareTo((0L, 0, 1)) > 0 && compoundLines.Count > 0)
                {
                    // Compounds cut out of a block can leave them islands in one building's cell, reachable only through
                    // it; without the compound lines, the compounds' own cells reach their neighbours. Tried when the plan
                    // with them misses the bounds, crosses a zone line, or splits a compound (rank worse than level 1).
                    var open = Graph(basicArea, atoms, metricBarriers);
                    var second = new CommunitySolver(atoms, open, bounds, options, seed).Solve();
                    if (second.Rank.CompareTo(solution.Rank) < 0) (graph, solution) = (open, second);
                }
                planned.AddRange(BasicGrids(atoms, graph, solution, f));
                warnings.AddRange(solution.Reasons.Distinct().Select(r => new PartitionWarning(c.Code, r)));
                if (solution.AvoidableViolation > 0) warnings.Add(new PartitionWarning(c.Code, OutOfBoundsReason(atoms, bounds, basicTotal)));
                warnings.AddRange(SplitCompounds(atoms, solution, bounds).Select(r => new PartitionWarning(c.Code, r)));
            }
        }

        var seq = GridCodeAssigner.Sequence(communityM, planned.Select(p => p.Shape).ToList());
        var grids = new List<Grid>(planned.Count);
        for (var i = 0; i < planned.Count; i++)
        {
            var p = planned[i];
            grids.Add(new Grid(AdminCodes.Child(c.Code, seq[i]), c.Code, p.Kind, p.DedicatedKind, p.Households, p.Members,
                projection.ToWgs84(p.Shape)));
        }
        grids.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return (grids, warnings);
    }

    private static IEnumerable<(Geometry, string, string?, int, List<string>)> BasicGrids(
        List<Atom> atoms, AtomGraph graph, CommunitySolver.Solution solution, GeometryFactory f)
    {
        var cells = new List<Polygon>[solution.GridCount];
        var households = new int[solution.GridCount];
        var atomsOf = new List<int>[solution.GridCount];
        for (var i = 0; i < solution.GridCount; i++) { cells[i] = []; atomsOf[i] = []; }
        for (var a = 0; a < atoms.Count; a++)
        {
            var gi = solution.GridOf[a];
            cells[gi].AddRange(graph.Cells[a]);
            households[gi] += atoms[a].Households;
            atomsOf[gi].Add(a);
        }
        foreach (var group in graph.Unreached)
        {
            var centre = f.BuildGeometry(group.Cast<Geometry>().ToList()).Centroid.Coordinate;
            var nearest = Enumerable.Range(0, atoms.Count).Where(a => graph.Cells[a].Count > 0)
                .OrderBy(a => graph.Centroid[a].Distance(centre)).ThenBy(a => a).FirstOrDefault();
            cells[solution.GridOf[nearest]].AddRange(group);
        }
        var gridsOfBuilding = new Dictionary<string, HashSet<int>>();
        foreach (var a in atoms)
        {
            if (!gridsOfBuilding.TryGetValue(a.BuildingId, out var set)) gridsOfBuilding[a.BuildingId] = set = [];
            set.Add(solution.GridOf[a.Index]);
        }
        for (var i = 0; i < solution.GridCount; i++)
        {
            if (atomsOf[i].Count == 0) continue;
            var members = new List<string>();
            var listed = new HashSet<string>();
            foreach (var a in atomsOf[i])
            {
                var atom = atoms[a];
                var name = atom.Unit == 0 || gridsOfBuilding[atom.BuildingId].Count == 1 ? atom.BuildingId : atom.MemberName;
                if (listed.Add(name)) members.Add(name);
            }
            yield return (GridOverlay.UnionCells(cells[i], f), GridKinds.Basic, null, households[i], members);
        }
    }

    // The community's basic area cut into blocks along the lines, one cell per atom, and the cells' adjacency.
    private static AtomGraph Graph(Geometry basicArea, List<Atom> atoms, IEnumerable<(Geometry, BarrierClass)> lines)
    {
        var blocks = new BlockBuilder(basicArea, lines);
        var pieces = CommunityTessellator.Tessellate(blocks.Blocks, atoms);
        PieceNoder.Node(pieces);
        return AdjacencyGraphBuilder.Build(atoms, pieces, blocks);
    }

    // Rule 5 keeps a compound of at most Max households whole; bounds (rule 3) and lines (rule 4) come first, and when
    // they split one anyway the planner is told which compound and why.
    private static IEnumerable<string> SplitCompounds(List<Atom> atoms, CommunitySolver.Solution solution, HouseholdBounds bounds)
    {
        foreach (var compound in atoms.Where(a => a.CompoundId is not null).GroupBy(a => a.CompoundId!).OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var total = compound.Sum(a => (long)a.Households);
            var grids = compound.Select(a => solution.GridOf[a.Index]).Distinct().Count();
            if (total > bounds.Max || grids < 2) continue;
            yield return $"compound {compound.Key} ({total} households) is split over {grids} grids: the area between rivers and major roads " +
                         $"that holds it has no plan in bounds {bounds.Min}..{bounds.Max} with it whole";
        }
    }

    private static string OutOfBoundsReason(List<Atom> atoms, HouseholdBounds bounds, long total)
    {
        var big = atoms.Where(a => a.Households > bounds.Max).Select(a => $"{a.MemberName} ({a.Households})").Take(3).ToList();
        if (big.Count > 0)
            return $"some basic grids are out of bounds {bounds.Min}..{bounds.Max} because a building or stair unit holds more than {bounds.Max} households: {string.Join(", ", big)}";
        return $"some basic grids are out of bounds {bounds.Min}..{bounds.Max} although the total of {total} households allows it: " +
               "the shape of the area, its barriers or lumpy buildings left no contiguous plan in bounds";
    }

    /// <summary>A hash of a string that is the same in every process (unlike string.GetHashCode).</summary>
    public static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in s) h = (h ^ ch) * 16777619;
            return h;
        }
    }
}

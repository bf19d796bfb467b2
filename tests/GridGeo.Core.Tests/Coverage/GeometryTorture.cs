using GridGeo.Core.Coverage;
using GridGeo.Core.Editing;
using GridGeo.Core.Geo;
using GridGeo.Core.Linking;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.Core.Partitioning.Rebalancing;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay.Snap;

namespace GridGeo.Core.Tests.Coverage;

/// <summary>
/// Tries hard to break the plan gate: a district is partitioned, its population shifted at random (growth, demolition, new
/// estates inside and on the community edge, buildings exactly on grid boundaries, towers above 500 households) and
/// rebalanced, then random edit sequences (moves, splits, merges, boundary redraws with snapping, reverts, re-uploads of an
/// unchanged boundary) run the way the API runs them (<see cref="GridEditValidator"/> then <see cref="GridEditGate"/>).
/// Every output — partition, rebalance, each accepted edit — is checked with <see cref="GridCoverageValidator"/>; besides,
/// households are conserved and grids a rebalance kept are bit-identical. <see cref="Tally"/> counts cases and gate failures
/// per operation. An edit refused for its intent (not neighbours, locked, a line that does not cut) is a refusal, not a
/// failure; an edit refused by the gate's coverage rules is a failure (the core should have built a sound plan).
/// </summary>
internal sealed class GeometryTorture(Random random)
{
    public sealed class Tally
    {
        private readonly Dictionary<string, (int Cases, int Failures, int Refused)> _counts = new(StringComparer.Ordinal);
        public List<string> Failures { get; } = [];

        public void Add(string operation, bool ok, string? failure = null, bool refused = false)
        {
            lock (_counts)
            {
                var (c, f, r) = _counts.GetValueOrDefault(operation);
                _counts[operation] = (c + 1, f + (ok ? 0 : 1), r + (refused ? 1 : 0));
                if (!ok && failure is not null) Failures.Add($"{operation}: {failure}");
            }
        }

        public int Cases => _counts.Values.Sum(v => v.Cases);
        public int KeptIdentical { get; set; }
        public int KeptWithJunction { get; set; }
        public int FailureCount => _counts.Values.Sum(v => v.Failures);

        public override string ToString() =>
            string.Join("; ", _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => $"{kv.Key} {kv.Value.Cases} cases, {kv.Value.Failures} gate failures, {kv.Value.Refused} refused for intent"))
            + $"; kept grids bit-identical {KeptIdentical}, with a junction vertex {KeptWithJunction}";
    }

    /// <summary>How far (degrees, Hausdorff) a grid a rebalance kept may move by snapping a junction onto it: one 1e-7° cell.</summary>
    private const double KeptTolerance = 1.5e-7;

    private static readonly PartitionOptions Options = new() { Min = 300, Max = 500, Seed = 3, MaxDegreeOfParallelism = 1 };

    /// <summary>Partition → shift → rebalance → <paramref name="edits"/> random edits per community in up to <paramref name="communities"/> communities.</summary>
    public void Run(DistrictBundle bundle, Tally tally, int edits, int communities)
    {
        var partition = GridPartitioner.Partition(bundle, Options);
        Check(tally, "partition", bundle.Communities, partition.Grids);
        CheckLiaison(tally, bundle, partition.Grids);

        var shifted = Shift(bundle, partition.Grids);
        var locked = partition.Grids.Where(_ => random.NextDouble() < 0.05).Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        var rebalance = GridRebalancer.Rebalance(shifted, partition.Grids, locked, Options);
        var ok = Check(tally, "rebalance", shifted.Communities, rebalance.Grids, count: false);
        var before = partition.Grids.ToDictionary(g => g.Code);
        foreach (var c in rebalance.Changes.Where(c => c.Kind == GridChangeKind.Unchanged))
        {
            var after = rebalance.Grids.First(g => g.Code == c.Code);
            if (ReferenceEquals(after.Boundary, before[c.Code].Boundary) || after.Boundary.EqualsExact(before[c.Code].Boundary))
            {
                tally.KeptIdentical++;
                continue;
            }
            // A changed neighbour's edge may end on this grid's edge: that junction becomes a vertex of both (snapped to
            // the 7-decimal grid), so the outline gains a vertex; its area must stay the same but for that snapping.
            tally.KeptWithJunction++;
            var moved = Math.Max(DiscreteHausdorffDistance.Distance(after.Boundary, before[c.Code].Boundary),
                DiscreteHausdorffDistance.Distance(after.Boundary.Boundary, before[c.Code].Boundary.Boundary));
            if (moved > KeptTolerance)
            {
                ok = false;
                tally.Failures.Add($"rebalance: unchanged grid {c.Code}'s outline moved by {moved * 1e7:F1} × 1e-7°");
            }
        }
        var expected = shifted.Buildings.Where(b => b.CommunityCode is not null).Sum(b => (long)b.Households);
        if (rebalance.Grids.Sum(g => (long)g.Households) != expected)
        {
            ok = false;
            tally.Failures.Add($"rebalance: {rebalance.Grids.Sum(g => (long)g.Households)} households in grids, {expected} in the bundle");
        }
        tally.Add("rebalance", ok);
        CheckLiaison(tally, shifted, rebalance.Grids);

        var located = shifted.Buildings.ToDictionary(b => b.Id);
        foreach (var community in shifted.Communities.OrderBy(_ => random.Next()).Take(communities))
        {
            var grids = rebalance.Grids.Where(g => g.CommunityCode == community.Code).ToList();
            if (grids.Count < 2) continue;
            var edited = EditSequence(community, grids, located, tally, edits);
            // The units of the edited grids are planned again, as an edit session does before it commits.
            CheckLiaison(tally, shifted, edited.Select(g => g.Grid with { Buildings = g.Members.Select(m => m.Name).ToList() }).ToList());
        }
    }

    /// <summary>
    /// Plans the liaison units of <paramref name="grids"/> (a random size preset) and checks each grid's units with the
    /// liaison gate: one case per grid with units.
    /// </summary>
    private void CheckLiaison(Tally tally, DistrictBundle bundle, IReadOnlyList<Grid> grids)
    {
        var options = random.Next(3) switch
        {
            0 => LiaisonOptions.Default,
            1 => LiaisonOptions.TenHouseholds,
            _ => new LiaisonOptions { Target = 60, Min = 40, Max = 90 },
        };
        var plan = LiaisonUnitPlanner.Plan(bundle, grids, options);
        var problems = LiaisonUnitGate.Validate(grids, plan.Units).ToLookup(p => p.CommunityCode);
        foreach (var code in plan.Units.Select(u => u.GridCode).Distinct())
        {
            var ofGrid = problems[code].ToList();
            tally.Add("liaison", ofGrid.Count == 0, ofGrid.Count == 0 ? null : GridCoverageValidator.Describe(ofGrid, 3));
            if (ofGrid.Count > 0 && Environment.GetEnvironmentVariable("GRIDGEO_GEOMETRY_DUMP") is { Length: > 0 } dump)
            {
                var g = grids.First(x => x.Code == code);
                var ids = g.Buildings.Select(m => m.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
                File.AppendAllLines(dump, new[] { $"grid {g.Code} target {options.Target} min {options.Min} max {options.Max}", g.Boundary.AsText(),
                    "members " + string.Join(" ", g.Buildings) }
                    .Concat(bundle.Buildings.Where(b => ids.Contains(b.Id)).Select(b => $"b {b.Id} {b.Location.X:R} {b.Location.Y:R} {b.Households} {b.Units} {b.Floors}")));
            }
        }
    }

    private bool Check(Tally tally, string operation, IReadOnlyList<Community> communities, IReadOnlyList<Grid> grids, bool count = true)
    {
        var problems = GridCoverageValidator.ValidateAll(communities, grids);
        if (count) tally.Add(operation, problems.Count == 0, problems.Count == 0 ? null : GridCoverageValidator.Describe(problems, 3));
        else if (problems.Count > 0) tally.Failures.Add($"{operation}: {GridCoverageValidator.Describe(problems, 3)}");
        return problems.Count == 0;
    }

    // ---- population shifts --------------------------------------------------------------------------------------------

    private DistrictBundle Shift(DistrictBundle bundle, IReadOnlyList<Grid> grids)
    {
        var buildings = new List<Building>();
        var grow = random.NextDouble() * 0.5;
        var demolish = random.NextDouble() * 0.3;
        foreach (var b in bundle.Buildings)
        {
            var r = random.NextDouble();
            if (b.DedicatedId is null && r < demolish * 0.5) continue;
            if (b.DedicatedId is null && r < grow) buildings.Add(b with { Households = Math.Max(1, (int)Math.Round(b.Households * (1.2 + random.NextDouble()))) });
            else buildings.Add(b with { Households = b.Households });
        }
        var n = 0;
        foreach (var c in bundle.Communities.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
        {
            var projection = LocalMetricProjection.Around(c.Boundary);
            var inside = c.Boundary.InteriorPoint.Coordinate;
            // A new estate inside, with a tower above 500 households.
            var anchor = projection.Forward(inside.X, inside.Y);
            for (var t = 0; t < 1 + random.Next(6); t++)
            {
                var p = projection.Inverse(anchor.X + random.Next(-80, 80), anchor.Y + random.Next(-80, 80));
                var point = GeoFactory.Wgs84.CreatePoint(p);
                if (!c.Boundary.Covers(point)) continue;
                var tower = t == 0 ? 501 + random.Next(400) : 50 + random.Next(300);
                buildings.Add(new Building($"new-{c.Code}-{n++}", point, tower, Units: 2 + random.Next(5), Floors: 30));
            }
            // New buildings on the community edge: on a boundary vertex and just inside an edge.
            var ring = ((Polygon)c.Boundary.GetGeometryN(0)).ExteriorRing.Coordinates;
            var k = random.Next(ring.Length - 1);
            buildings.Add(new Building($"edge-{c.Code}-{n++}", GeoFactory.Wgs84.CreatePoint(ring[k]), 20 + random.Next(200)));
            var mid = new Coordinate((ring[k].X + ring[k + 1].X) / 2, (ring[k].Y + ring[k + 1].Y) / 2);
            var nudged = new Coordinate(mid.X + (inside.X - mid.X) * 1e-5, mid.Y + (inside.Y - mid.Y) * 1e-5);
            buildings.Add(new Building($"edge-{c.Code}-{n++}", GeoFactory.Wgs84.CreatePoint(nudged), 20 + random.Next(200)));
        }
        // Buildings exactly on grid boundaries (a vertex, and a segment's midpoint).
        foreach (var g in grids.Where(g => g.Kind == GridKinds.Basic).OrderBy(_ => random.Next()).Take(3))
        {
            var cs = ((Polygon)g.Boundary.GetGeometryN(0)).ExteriorRing.Coordinates;
            var k = random.Next(cs.Length - 1);
            buildings.Add(new Building($"onedge-{g.Code}-{n++}", GeoFactory.Wgs84.CreatePoint(cs[k]), 10 + random.Next(150)));
            var mid = new Coordinate((cs[k].X + cs[k + 1].X) / 2, (cs[k].Y + cs[k + 1].Y) / 2);
            buildings.Add(new Building($"onedge-{g.Code}-{n++}", GeoFactory.Wgs84.CreatePoint(mid), 10 + random.Next(150)));
        }
        var unlinked = buildings.Select(b => b.Id.StartsWith("new-", StringComparison.Ordinal) || b.Id.StartsWith("edge-", StringComparison.Ordinal)
            || b.Id.StartsWith("onedge-", StringComparison.Ordinal) ? b with { CommunityCode = null } : b).ToList();
        return BundleLinker.Link(bundle with { Buildings = unlinked, Households = null });
    }

    // ---- edits ---------------------------------------------------------------------------------------------------------

    /// <summary>Random edits; returns the grids as the last accepted edit left them.</summary>
    private List<EditableGrid> EditSequence(Community community, List<Grid> grids, Dictionary<string, Building> located, Tally tally, int edits)
    {
        var current = grids.Select(g =>
        {
            var members = g.Buildings.Select(m =>
            {
                var b = located[m.Split('#')[0]];
                var households = m.Contains('#') ? Math.Max(0, b.Households / Math.Max(1, b.Units)) : b.Households;
                return new GridMember(m, households, b.Location);
            }).ToList();
            return new EditableGrid(g, false, members).With(g.Boundary, members);
        }).ToList();
        var next = 900;
        (IReadOnlyList<EditableGrid> Restore, IReadOnlyCollection<string> Touched)? last = null;
        for (var e = 0; e < edits; e++)
        {
            var scope = new GridEditScope(community.Code, community.Boundary, current, next);
            var kind = random.Next(7);
            string op;
            Func<GridEditScope, GridEditOutcome> edit;
            switch (kind)
            {
                case 0 when last is not null:
                    op = "revert";
                    var undo = last.Value;
                    edit = s => GridReverter.Revert(s, undo.Restore, undo.Touched);
                    break;
                case 1:
                    op = "split";
                    edit = s => Split(s);
                    break;
                case 2:
                    op = "merge";
                    edit = s => Merge(s);
                    break;
                case 3:
                    op = "redraw";
                    edit = s => Redraw(s);
                    break;
                case 4:
                    op = "reupload";
                    edit = s =>
                    {
                        var g = Pick(s.Grids);
                        return BoundaryRedrawer.Redraw(s, g.Code, g.Grid.Boundary.Copy());
                    };
                    break;
                default:
                    op = "move";
                    edit = s => Move(s);
                    break;
            }

            GridEditOutcome outcome;
            try
            {
                outcome = edit(scope);
                GridEditValidator.Validate(scope, outcome, Options.Min, Options.Max);
            }
            catch (GridEditException)
            {
                tally.Add(op, ok: true, refused: true);
                continue;
            }
            catch (NoCandidateException)
            {
                continue;
            }
            try
            {
                outcome = GridEditGate.Apply(scope, outcome);
            }
            catch (GridEditException ex)
            {
                tally.Add(op, ok: false, $"community {community.Code}: gate refused the edit's outcome: {ex.Message}");
                continue;
            }
            var touched = outcome.Touched.ToHashSet(StringComparer.Ordinal);
            last = (current.Where(g => touched.Contains(g.Code)).ToList(), touched.ToList());
            var after = current.Where(g => !touched.Contains(g.Code)).Concat(outcome.After).ToList();
            var householdsBefore = current.Sum(g => g.Grid.Households);
            var householdsAfter = after.Sum(g => g.Grid.Households);
            var problems = GridCoverageValidator.Validate(community, after.Select(g => g.Grid).ToList());
            var ok = problems.Count == 0 && householdsBefore == householdsAfter;
            tally.Add(op, ok, ok ? null
                : $"community {community.Code}: {(householdsBefore != householdsAfter ? $"households {householdsBefore} → {householdsAfter}; " : "")}{GridCoverageValidator.Describe(problems, 3)}");
            if (!ok) return current;
            current = after;
            next += outcome.Created.Count;
        }
        return current;
    }

    private sealed class NoCandidateException : Exception;

    private T Pick<T>(IReadOnlyList<T> list) => list.Count == 0 ? throw new NoCandidateException() : list[random.Next(list.Count)];

    private static double SharedLength(Geometry a, Geometry b)
    {
        if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal)) return 0;
        try
        {
            return a.Boundary.Intersection(b.Boundary).Length;
        }
        catch (TopologyException)
        {
            return 0;
        }
    }

    private (EditableGrid A, EditableGrid B) NeighbourPair(GridEditScope s)
    {
        var a = Pick(s.Grids.Where(g => g.Grid.Kind == GridKinds.Basic).ToList());
        var b = Pick(s.Grids.Where(g => g.Code != a.Code && g.Grid.Kind == a.Grid.Kind && SharedLength(a.Grid.Boundary, g.Grid.Boundary) > 0).ToList());
        return (a, b);
    }

    private GridEditOutcome Move(GridEditScope s)
    {
        var (a, b) = NeighbourPair(s);
        var candidates = a.Members.Where(m => m.Location is not null && !m.Name.Contains('#'))
            .OrderBy(m => m.Location!.Distance(b.Grid.Boundary)).Take(1 + random.Next(4)).Select(m => m.Name).ToList();
        if (candidates.Count == 0) throw new NoCandidateException();
        return BuildingMoveEdit.Move(s, a.Code, b.Code, candidates);
    }

    private GridEditOutcome Merge(GridEditScope s)
    {
        var (a, b) = NeighbourPair(s);
        return GridMerger.Merge(s, a.Code, b.Code);
    }

    private GridEditOutcome Split(GridEditScope s)
    {
        var g = Pick(s.Grids.Where(x => x.Grid.Kind == GridKinds.Basic).ToList());
        var e = g.Grid.Boundary.EnvelopeInternal;
        var c = g.Grid.Boundary.InteriorPoint.Coordinate;
        var angle = random.NextDouble() * Math.PI;
        var r = Math.Max(e.Width, e.Height) * 2;
        var line = GeoFactory.Wgs84.CreateLineString([
            new Coordinate(c.X - r * Math.Cos(angle), c.Y - r * Math.Sin(angle)),
            new Coordinate(c.X + r * Math.Cos(angle), c.Y + r * Math.Sin(angle)),
        ]);
        return GridSplitter.Split(s, g.Code, line);
    }

    /// <summary>A redraw as the viewer sends it: the grid widened or narrowed by a few metres, its vertices snapped to the neighbours' within about a metre.</summary>
    private GridEditOutcome Redraw(GridEditScope s)
    {
        var g = Pick(s.Grids.Where(x => x.Grid.Kind == GridKinds.Basic && x.Grid.Boundary is Polygon).ToList());
        var metresPerDegree = 111_000 * Math.Cos(g.Grid.Boundary.EnvelopeInternal.Centre.Y * Math.PI / 180);
        var distance = (random.NextDouble() * 30 - 15) / metresPerDegree;
        var drawn = g.Grid.Boundary.Buffer(distance, 2);
        if (drawn is not Polygon) drawn = g.Grid.Boundary;
        var neighbours = s.Grids.Where(o => o.Code != g.Code && o.Grid.Boundary.EnvelopeInternal.Intersects(drawn.EnvelopeInternal)).ToList();
        foreach (var o in neighbours)
        {
            drawn = new GeometrySnapper(drawn).SnapTo(o.Grid.Boundary, 1.0 / metresPerDegree);
        }
        if (!drawn.IsValid || drawn is not Polygon) throw new NoCandidateException();
        return BoundaryRedrawer.Redraw(s, g.Code, drawn);
    }
}

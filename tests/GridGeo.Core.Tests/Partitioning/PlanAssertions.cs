using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Tests.Partitioning;

/// <summary>The partition rules of the issue, checked on a plan (each assertion names the rule).</summary>
internal static class PlanAssertions
{
    public static void AllRules(DistrictBundle bundle, PartitionResult result, PartitionOptions options, bool compoundsWhole = true)
    {
        Membership(bundle, result.Grids);
        Tiling(bundle, result.Grids);
        Codes(bundle, result.Grids);
        Contiguity(bundle, result.Grids);
        Bounds(bundle, result, options);
        LinesCrossedOnlyWhenNeeded(bundle, result, options, "river", BarrierKinds.River);
        LinesCrossedOnlyWhenNeeded(bundle, result, options, "major road", BarrierKinds.River, BarrierKinds.MajorRoad);
        if (compoundsWhole) SmallCompoundsWhole(bundle, result, options);
    }

    /// <summary>Rule 1: every building's households are in exactly one grid of its community; grid totals add up.</summary>
    public static void Membership(DistrictBundle bundle, IReadOnlyList<Grid> grids)
    {
        var byId = bundle.Buildings.ToDictionary(b => b.Id);
        var wholeIn = new Dictionary<string, string>();
        var unitsIn = new Dictionary<string, Dictionary<int, string>>();
        foreach (var g in grids)
        {
            long total = 0;
            foreach (var m in g.Buildings)
            {
                var hash = m.IndexOf('#');
                var id = hash < 0 ? m : m[..hash];
                Assert.True(byId.TryGetValue(id, out var b), $"rule 1: grid {g.Code} lists unknown building {m}");
                Assert.True(b!.CommunityCode == g.CommunityCode, $"rule 1: building {id} of community {b.CommunityCode} is in grid {g.Code}");
                if (hash < 0)
                {
                    Assert.True(wholeIn.TryAdd(id, g.Code), $"rule 1: building {id} is in grids {wholeIn.GetValueOrDefault(id)} and {g.Code}");
                    total += b.Households;
                }
                else
                {
                    var unit = int.Parse(m[(hash + 1)..]);
                    if (!unitsIn.TryGetValue(id, out var units)) unitsIn[id] = units = [];
                    Assert.True(units.TryAdd(unit, g.Code), $"rule 1: stair unit {m} is in two grids");
                    total += b.UnitHouseholds(unit);
                }
            }
            Assert.True(total == g.Households, $"rule 1: grid {g.Code} reports {g.Households} households but its members hold {total}");
        }
        foreach (var b in bundle.Buildings.Where(b => b.CommunityCode is not null))
        {
            var whole = wholeIn.ContainsKey(b.Id);
            var split = unitsIn.TryGetValue(b.Id, out var units);
            Assert.True(whole ^ split, $"rule 1: building {b.Id} is {(whole ? "listed whole and by unit" : "in no grid")}");
            if (split) Assert.True(units!.Count == b.Units, $"rule 1: building {b.Id} has {b.Units} stair units but {units.Count} are in grids");
        }
    }

    /// <summary>Rule 1: the grids of each community cover it exactly (1 m² tolerance).</summary>
    public static void Tiling(DistrictBundle bundle, IReadOnlyList<Grid> grids)
    {
        foreach (var c in GridCoverageChecker.Check(bundle.Communities, grids))
        {
            Assert.True(c.IsExact(1.0), $"rule 1: community {c.CommunityCode} is not tiled exactly: {c}");
        }
    }

    /// <summary>Rule 1: codes are the community code + 001..n, ordered by rows of representative points west→east, north→south.</summary>
    public static void Codes(DistrictBundle bundle, IReadOnlyList<Grid> grids)
    {
        Assert.Equal(grids.Count, grids.Select(g => g.Code).Distinct().Count());
        foreach (var c in bundle.Communities)
        {
            var mine = grids.Where(g => g.CommunityCode == c.Code).ToList();
            Assert.All(mine, g => Assert.True(AdminCodes.IsGridCode(g.Code) && g.Code.StartsWith(c.Code), $"rule 1: bad grid code {g.Code}"));
            var seqs = mine.Select(g => int.Parse(g.Code[12..])).OrderBy(s => s).ToList();
            Assert.Equal(Enumerable.Range(1, mine.Count), seqs);
            var projection = LocalMetricProjection.Around(c.Boundary);
            var expected = GridCodeAssigner.Sequence(projection.ToMetric(c.Boundary), mine.Select(g => projection.ToMetric(g.Boundary)).ToList());
            for (var i = 0; i < mine.Count; i++)
                Assert.True(int.Parse(mine[i].Code[12..]) == expected[i], $"rule 1: grid {mine[i].Code} is out of west→east, north→south order");
        }
    }

    /// <summary>Rule 2: each basic grid is one Polygon, or a MultiPolygon whose parts lie in different pieces of the community.</summary>
    public static void Contiguity(DistrictBundle bundle, IReadOnlyList<Grid> grids)
    {
        var coverage = GridCoverageChecker.Check(bundle.Communities, grids.Where(g => g.Kind == GridKinds.Basic).ToList());
        foreach (var c in coverage) Assert.True(c.SplitInsidePiece == 0, $"rule 2: community {c.CommunityCode} has a grid in two parts of one piece");
        foreach (var g in grids.Where(g => g.Kind == GridKinds.Basic))
            Assert.True(g.Boundary is Polygon or MultiPolygon, $"rule 2: grid {g.Code} is a {g.Boundary.GeometryType}");
        // A MultiPolygon grid is one part of its own plus whole exclaves: every other part is a whole piece of the community.
        foreach (var c in bundle.Communities)
        {
            var projection = LocalMetricProjection.Around(c.Boundary);
            var pieces = projection.ToMetric(c.Boundary);
            foreach (var g in grids.Where(g => g.CommunityCode == c.Code && g.Boundary.NumGeometries > 1))
            {
                var shape = projection.ToMetric(g.Boundary);
                var partial = 0;
                for (var i = 0; i < shape.NumGeometries; i++)
                {
                    var part = shape.GetGeometryN(i);
                    var piece = Enumerable.Range(0, pieces.NumGeometries).Select(pieces.GetGeometryN).FirstOrDefault(x => x.Covers(part.InteriorPoint));
                    // Whole: the piece's outline as the 7-decimal grid writes it (every vertex within one 1e-7° step either way).
                    if (piece is null || !GridOutlines.SameOutline(projection.ToWgs84(piece), projection.ToWgs84(part))) partial++;
                }
                Assert.True(partial <= 1, $"rule 2: grid {g.Code} has {shape.NumGeometries} parts, {partial} of them not a whole piece of community {c.Code}");
            }
        }
    }

    /// <summary>
    /// Rule 4: the basic area of each community, cut by the given lines (rivers; rivers and major roads), falls into
    /// sides. A grid holding buildings of two sides straddles a line; that is allowed only when one side cannot form a
    /// grid in bounds on its own. Sides joined by straddling grids form groups; each group must contain a side whose
    /// households no number of grids in bounds can hold (a side may be joined to a neighbour that was itself joined),
    /// unless the plan warns for that community that its grids cross such lines because the areas between them have no
    /// plan in bounds (a feasible total is not always enough: the shape of an area can leave no contiguous plan).
    /// </summary>
    public static void LinesCrossedOnlyWhenNeeded(DistrictBundle bundle, PartitionResult result, PartitionOptions options, string warned, params string[] kinds)
    {
        var bounds = new HouseholdBounds(options.Min, options.Max);
        var lines = bundle.BarrierList.Where(b => kinds.Contains(b.Kind)).ToList();
        if (lines.Count == 0) return;
        var byId = bundle.Buildings.ToDictionary(b => b.Id);
        foreach (var c in bundle.Communities)
        {
            var basic = result.Grids.Where(g => g.CommunityCode == c.Code && g.Kind == GridKinds.Basic).ToList();
            var projection = LocalMetricProjection.Around(c.Boundary);
            var near = lines.Where(l => l.Line.Intersects(c.Boundary)).ToList();
            if (near.Count == 0 || basic.Count < 2) continue;
            if (result.Warnings.Any(w => w.CommunityCode == c.Code && w.Message.Contains("cross") && w.Message.Contains(warned))) continue;
            Geometry area = projection.ToMetric(c.Boundary);
            if (!area.IsValid) area = area.Buffer(0);
            foreach (var l in near) area = area.Difference(projection.ToMetric(l.Line).Buffer(0.05));
            var sides = Enumerable.Range(0, area.NumGeometries).Select(area.GetGeometryN).ToList();
            int SideOf(Building b)
            {
                var p = LocalMetricProjection.MetricFactory.CreatePoint(projection.Forward(b.Location.X, b.Location.Y));
                var best = -1;
                var bestDistance = double.MaxValue;
                for (var i = 0; i < sides.Count; i++)
                {
                    var d = sides[i].Distance(p);
                    if (d < bestDistance) { bestDistance = d; best = i; }
                }
                return best;
            }
            var total = new long[sides.Count];
            var sidesOf = new List<HashSet<int>>();
            foreach (var g in basic)
            {
                var touched = new HashSet<int>();
                foreach (var m in g.Buildings)
                {
                    var hash = m.IndexOf('#');
                    var b = byId[hash < 0 ? m : m[..hash]];
                    var side = SideOf(b);
                    touched.Add(side);
                    total[side] += hash < 0 ? b.Households : b.UnitHouseholds(int.Parse(m[(hash + 1)..]));
                }
                sidesOf.Add(touched);
            }
            var group = Enumerable.Range(0, sides.Count).ToArray();
            int Find(int x) { while (group[x] != x) x = group[x] = group[group[x]]; return x; }
            foreach (var touched in sidesOf.Where(t => t.Count > 1))
            {
                var first = touched.First();
                foreach (var s in touched) group[Find(s)] = Find(first);
            }
            for (var gi = 0; gi < basic.Count; gi++)
            {
                if (sidesOf[gi].Count < 2) continue;
                var root = Find(sidesOf[gi].First());
                var members = Enumerable.Range(0, sides.Count).Where(s => Find(s) == root && total[s] > 0).ToList();
                Assert.True(members.Any(s => !bounds.IsFeasible(total[s])),
                    $"rule 4: grid {basic[gi].Code} crosses a {string.Join(" or ", kinds)} though every side it joins can form grids in bounds " +
                    $"(sides of {string.Join(", ", members.Select(s => total[s]))} households)");
            }
        }
    }

    /// <summary>Rule 3: basic grids in bounds wherever the community's basic total allows it; a warning names the community otherwise.</summary>
    public static void Bounds(DistrictBundle bundle, PartitionResult result, PartitionOptions options)
    {
        var bounds = new HouseholdBounds(options.Min, options.Max);
        foreach (var c in bundle.Communities)
        {
            var basic = result.Grids.Where(g => g.CommunityCode == c.Code && g.Kind == GridKinds.Basic).ToList();
            var total = basic.Sum(g => (long)g.Households);
            if (bounds.IsFeasible(total))
            {
                foreach (var g in basic)
                    Assert.True(bounds.Contains(g.Households), $"rule 3: grid {g.Code} has {g.Households} households, outside {options.Min}..{options.Max}, though {total} is feasible");
            }
            else
            {
                Assert.Contains(result.Warnings, w => w.CommunityCode == c.Code);
            }
        }
    }

    /// <summary>
    /// Rule 5: a compound with at most Max households is in one grid, unless the rules before it (bounds, lines) split
    /// it, which the plan must then say in a warning naming the compound.
    /// </summary>
    public static void SmallCompoundsWhole(DistrictBundle bundle, PartitionResult result, PartitionOptions options)
    {
        var gridOf = new Dictionary<string, HashSet<string>>();
        foreach (var g in result.Grids)
        foreach (var m in g.Buildings)
        {
            var id = m.Split('#')[0];
            if (!gridOf.TryGetValue(id, out var set)) gridOf[id] = set = [];
            set.Add(g.Code);
        }
        foreach (var compound in bundle.Buildings.Where(b => b.CompoundId is not null && b.DedicatedId is null && gridOf.ContainsKey(b.Id))
                     .GroupBy(b => (b.CompoundId, b.CommunityCode)))
        {
            if (compound.Sum(b => b.Households) > options.Max) continue;
            var grids = compound.SelectMany(b => gridOf[b.Id]).Distinct().ToList();
            var told = result.Warnings.Any(w => w.CommunityCode == compound.Key.CommunityCode && w.Message.Contains($"compound {compound.Key.CompoundId} "));
            Assert.True(grids.Count == 1 || told, $"rule 5: compound {compound.Key.CompoundId} ({compound.Sum(b => b.Households)} households) is split over {string.Join(", ", grids)}");
        }
    }
}

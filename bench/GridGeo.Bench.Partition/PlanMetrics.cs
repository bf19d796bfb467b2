using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

/// <summary>The figures of a plan the issue asks for.</summary>
sealed record PlanFigures(
    int BasicGrids, int InBounds, int FeasibleGrids, int FeasibleInBounds, int MultiPartGrids, int SplitInsidePiece,
    double GapM2, double OverlapM2, double OutsideM2, int SmallCompoundsSplit, int RiverStraddles, double MeanPolsbyPopper)
{
    public double InBoundsShare => BasicGrids == 0 ? 1 : (double)InBounds / BasicGrids;
    public double FeasibleShare => FeasibleGrids == 0 ? 1 : (double)FeasibleInBounds / FeasibleGrids;
}

static class PlanMetrics
{
    public static PlanFigures Evaluate(DistrictBundle bundle, IReadOnlyList<Grid> grids, PartitionOptions options)
    {
        var bounds = new HouseholdBounds(options.Min, options.Max);
        var basic = grids.Where(g => g.Kind == GridKinds.Basic).ToList();
        var inBounds = basic.Count(g => bounds.Contains(g.Households));
        var feasibleCommunities = basic.GroupBy(g => g.CommunityCode).Where(x => bounds.IsFeasible(x.Sum(g => (long)g.Households)))
            .Select(x => x.Key).ToHashSet();
        var feasible = basic.Where(g => feasibleCommunities.Contains(g.CommunityCode)).ToList();
        var coverage = GridCoverageChecker.Check(bundle.Communities, grids, options.MaxDegreeOfParallelism);
        var byId = bundle.Buildings.ToDictionary(b => b.Id);

        var gridOf = new Dictionary<string, HashSet<string>>();
        foreach (var g in basic)
        foreach (var m in g.Buildings)
        {
            var id = m.Split('#')[0];
            if (!gridOf.TryGetValue(id, out var set)) gridOf[id] = set = [];
            set.Add(g.Code);
        }
        var smallSplit = bundle.Buildings.Where(b => b.CompoundId is not null && gridOf.ContainsKey(b.Id))
            .GroupBy(b => (b.CompoundId, b.CommunityCode))
            .Count(c => c.Sum(b => b.Households) <= options.Max && c.SelectMany(b => gridOf[b.Id]).Distinct().Count() > 1);

        var pp = new double[basic.Count];
        var straddles = new int[basic.Count];
        var rivers = new STRtree<Geometry>();
        foreach (var r in bundle.BarrierList.Where(b => b.Kind == BarrierKinds.River)) rivers.Insert(r.Line.EnvelopeInternal, r.Line);
        rivers.Build();
        Parallel.For(0, basic.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, i =>
        {
            var g = basic[i];
            var projection = LocalMetricProjection.Around(g.Boundary);
            var m = projection.ToMetric(g.Boundary);
            pp[i] = m.Length > 0 ? 4 * Math.PI * m.Area / (m.Length * m.Length) : 0;
            var near = rivers.Query(g.Boundary.EnvelopeInternal).Where(r => r.Intersects(g.Boundary)).ToList();
            if (near.Count == 0) return;
            // A grid straddles a river when the river cuts it into parts that each hold some of its buildings.
            var cut = m;
            foreach (var r in near) cut = OverlayNGRobust.Overlay(cut, projection.ToMetric(r).Buffer(0.05), SpatialFunction.Difference);
            var points = g.Buildings.Select(b => byId[b.Split('#')[0]].Location).Select(p => LocalMetricProjection.MetricFactory.CreatePoint(projection.Forward(p.X, p.Y))).ToList();
            var holding = 0;
            for (var k = 0; k < cut.NumGeometries; k++)
            {
                var part = cut.GetGeometryN(k);
                if (points.Any(p => part.Distance(p) < 0.5)) holding++;
            }
            if (holding > 1) straddles[i] = 1;
        });

        return new PlanFigures(basic.Count, inBounds, feasible.Count, feasible.Count(g => bounds.Contains(g.Households)),
            coverage.Sum(c => c.MultiPartGrids), coverage.Sum(c => c.SplitInsidePiece),
            coverage.Sum(c => c.GapArea), coverage.Sum(c => c.OverlapArea), coverage.Sum(c => c.OutsideArea),
            smallSplit, straddles.Sum(), pp.Length == 0 ? 0 : pp.Average());
    }
}

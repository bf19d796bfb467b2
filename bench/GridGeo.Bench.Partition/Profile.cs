using System.Diagnostics;
using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;

static class Profile
{
    public static void Run(DistrictBundle bundle)
    {
        var t = new Dictionary<string, double>();
        var last = Process.GetCurrentProcess().TotalProcessorTime;
        void Add(string k, Stopwatch s) { var now = Process.GetCurrentProcess().TotalProcessorTime; t[k] = t.GetValueOrDefault(k) + (now - last).TotalSeconds; last = now; s.Restart(); }
        var bounds = new HouseholdBounds(300, 500);
        var options = new PartitionOptions();
        foreach (var c in bundle.Communities)
        {
            var s = Stopwatch.StartNew();
            var proj = LocalMetricProjection.Around(c.Boundary);
            var area = proj.ToMetric(c.Boundary);
            var bs = bundle.Buildings.Where(b => b.CommunityCode == c.Code && b.DedicatedId == null).ToList();
            var atoms = AtomBuilder.Build(bs, proj, bounds, null);
            Add("atoms", s);
            var barriers = bundle.BarrierList.Where(b => b.Line.EnvelopeInternal.Intersects(c.Boundary.EnvelopeInternal)).Select(b => (proj.ToMetric(b.Line), BarrierClassOf.Kind(b.Kind))).ToList();
            var blocks = new BlockBuilder(area, barriers);
            Add("blocks", s);
            var pieces = CommunityTessellator.Tessellate(blocks.Blocks, atoms);
            Add("tessellate", s);
            PieceNoder.Node(pieces);
            Add("noder", s);
            var graph = AdjacencyGraphBuilder.Build(atoms, pieces, blocks);
            Add("graph", s);
            var solveStart = Process.GetCurrentProcess().TotalProcessorTime;
            var sol = new CommunitySolver(atoms, graph, bounds, new PartitionOptions(), 1).Solve();
            var solveCpu = (Process.GetCurrentProcess().TotalProcessorTime - solveStart).TotalSeconds;
            Add("solve", s);
            var cells = new List<NetTopologySuite.Geometries.Polygon>[sol.GridCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = [];
            for (var a = 0; a < atoms.Count; a++) cells[sol.GridOf[a]].AddRange(graph.Cells[a]);
            foreach (var cl in cells) GridOverlay.UnionCells(cl, LocalMetricProjection.MetricFactory);
            Add("union", s);
            if (Environment.GetEnvironmentVariable("VERBOSE") == "1") Console.WriteLine($"{c.Code} atoms {atoms.Count} blocks {blocks.Blocks.Count} pieces {pieces.Count} level {sol.Level} lines {sol.ZoneLines} violation {sol.AvoidableViolation} solve {solveCpu:F2}s");
        }
        foreach (var (k, v) in t) Console.WriteLine($"{k,-12} {v:F2}s");
    }
}

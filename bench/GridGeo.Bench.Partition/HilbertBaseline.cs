using GridGeo.Core;
using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;

/// <summary>
/// The naive baseline: in each community, whole buildings sorted along a Hilbert curve and cut into
/// consecutive chunks of about total/k households (k chosen as the engine does). Grid shapes are the
/// union of the buildings' Voronoi cells clipped to the community (no barriers, no dedicated grids).
/// </summary>
static class HilbertBaseline
{
    public static List<Grid> Partition(DistrictBundle bundle, PartitionOptions options)
    {
        var bounds = new HouseholdBounds(options.Min, options.Max);
        var byCommunity = bundle.Buildings.Where(b => b.CommunityCode is not null).ToLookup(b => b.CommunityCode!);
        var result = new List<Grid>[bundle.Communities.Count];
        Parallel.For(0, bundle.Communities.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, i =>
        {
            var c = bundle.Communities[i];
            var projection = LocalMetricProjection.Around(c.Boundary);
            var area = projection.ToMetric(c.Boundary);
            if (!area.IsValid) area = area.Buffer(0);
            var buildings = byCommunity[c.Code].ToList();
            var atoms = buildings.Select((b, k) => new Atom(k, b.Id, 0, b.Households, projection.Forward(b.Location.X, b.Location.Y), null)).ToList();
            atoms = Distinct(atoms);
            var blocks = new BlockBuilder(area, []);
            var pieces = CommunityTessellator.Tessellate(blocks.Blocks, atoms);
            PieceNoder.Node(pieces);
            var graph = AdjacencyGraphBuilder.Build(atoms, pieces, blocks);
            var grids = new List<Grid>();
            if (atoms.Count == 0)
            {
                result[i] = [new Grid(AdminCodes.Child(c.Code, 1), c.Code, GridKinds.Basic, null, 0, [], c.Boundary)];
                return;
            }
            var env = area.EnvelopeInternal;
            var order = atoms.OrderBy(a => Hilbert(16, (a.Location.X - env.MinX) / Math.Max(1, env.Width), (a.Location.Y - env.MinY) / Math.Max(1, env.Height))).ToList();
            var total = atoms.Sum(a => (long)a.Households);
            var k = bounds.ChooseParts(total);
            var chunkOf = new int[atoms.Count];
            long running = 0;
            var index = 0;
            foreach (var a in order)
            {
                chunkOf[a.Index] = index;
                running += a.Households;
                if (index < k - 1 && running >= total * (index + 1) / k) index++;
            }
            var chunks = Enumerable.Range(0, index + 1).Select(_ => new List<Atom>()).ToList();
            var extra = Enumerable.Range(0, index + 1).Select(_ => new List<NetTopologySuite.Geometries.Polygon>()).ToList();
            foreach (var a in atoms) chunks[chunkOf[a.Index]].Add(a);
            foreach (var group in graph.Unreached)
            {
                var centre = group[0].Centroid.Coordinate;
                var nearest = atoms.Where(a => graph.Cells[a.Index].Count > 0).MinBy(a => graph.Centroid[a.Index].Distance(centre))!;
                extra[chunkOf[nearest.Index]].AddRange(group);
            }
            for (var j = 0; j < chunks.Count; j++)
            {
                if (chunks[j].Count > 0) grids.Add(Make(c, projection, graph, chunks[j], extra[j], j + 1));
            }
            result[i] = grids;
        });
        return result.SelectMany(g => g).ToList();
    }

    private static List<Atom> Distinct(List<Atom> atoms)
    {
        var seen = new HashSet<(double, double)>();
        var list = new List<Atom>();
        foreach (var a in atoms)
        {
            var p = a.Location;
            var n = 0;
            while (!seen.Add((p.X, p.Y))) p = new NetTopologySuite.Geometries.Coordinate(a.Location.X + 0.3 * ++n, a.Location.Y);
            list.Add(a with { Index = list.Count, Location = p });
        }
        return list;
    }

    private static Grid Make(Community c, LocalMetricProjection projection, AtomGraph graph, List<Atom> chunk, List<NetTopologySuite.Geometries.Polygon> extra, int seq)
    {
        var cells = chunk.SelectMany(a => graph.Cells[a.Index]).Concat(extra).ToList();
        var shape = GridOverlay.UnionCells(cells, LocalMetricProjection.MetricFactory);
        return new Grid(AdminCodes.Child(c.Code, Math.Min(999, seq)), c.Code, GridKinds.Basic, null, chunk.Sum(a => a.Households),
            chunk.Select(a => a.BuildingId).ToList(), projection.ToWgs84(shape));
    }

    // Hilbert index of a point in the unit square on a 2^order grid.
    private static long Hilbert(int order, double fx, double fy)
    {
        var n = 1L << order;
        var x = (long)Math.Clamp(fx * n, 0, n - 1);
        var y = (long)Math.Clamp(fy * n, 0, n - 1);
        long d = 0;
        for (var s = n / 2; s > 0; s /= 2)
        {
            var rx = (x & s) > 0 ? 1 : 0;
            var ry = (y & s) > 0 ? 1 : 0;
            d += s * s * ((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1) { x = s - 1 - x; y = s - 1 - y; }
                (x, y) = (y, x);
            }
        }
        return d;
    }
}

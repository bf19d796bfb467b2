using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// Builds the <see cref="AtomGraph"/> from the tessellation's pieces, once they are noded so that every shared boundary
/// is identical on both sides: shared segments are found by hashing (<see cref="Coverage.FaceCoverage.SegmentKey"/>). A
/// boundary between pieces of different blocks takes the class of the barrier it lies on. Fragments are attached to the neighbouring atom they share most boundary with.
/// </summary>
public static class AdjacencyGraphBuilder
{
    public static AtomGraph Build(IReadOnlyList<Atom> atoms, List<Piece> pieces, BlockBuilder blocks)
    {
        var pieceEdges = PieceEdges(pieces, blocks);
        AttachFragments(pieces, pieceEdges);

        var n = atoms.Count;
        var area = new double[n];
        var perimeter = new double[n];
        var cx = new double[n];
        var cy = new double[n];
        var cells = new List<Polygon>[n];
        for (var i = 0; i < n; i++) cells[i] = [];
        foreach (var p in pieces)
        {
            if (p.Atom < 0) continue;
            var a = p.Shape.Area;
            var c = p.Shape.Centroid.Coordinate;
            area[p.Atom] += a;
            perimeter[p.Atom] += p.Shape.Length;
            cx[p.Atom] += c.X * a;
            cy[p.Atom] += c.Y * a;
            cells[p.Atom].Add(p.Shape);
        }

        var pair = new Dictionary<(int, int), double[]>();
        for (var p = 0; p < pieces.Count; p++)
        {
            foreach (var (q, len, cls) in pieceEdges[p])
            {
                if (q < p) continue;
                var a = pieces[p].Atom;
                var b = pieces[q].Atom;
                if (a < 0 || b < 0) continue;
                if (a == b) { perimeter[a] -= 2 * len; continue; }
                var key = a < b ? (a, b) : (b, a);
                if (!pair.TryGetValue(key, out var byClass)) pair[key] = byClass = new double[4];
                byClass[(int)cls] += len;
            }
        }
        var edges = new List<AtomEdge>[n];
        for (var i = 0; i < n; i++) edges[i] = [];
        foreach (var ((a, b), byClass) in pair.OrderBy(kv => kv.Key))
        {
            var total = byClass.Sum();
            if (total <= 1e-9) continue;
            var cls = (BarrierClass)Array.IndexOf(byClass, byClass.Max());
            edges[a].Add(new AtomEdge(b, total, cls));
            edges[b].Add(new AtomEdge(a, total, cls));
        }

        var centroid = new Coordinate[n];
        var host = new int[n];
        for (var i = 0; i < n; i++)
        {
            centroid[i] = area[i] > 0 ? new Coordinate(cx[i] / area[i], cy[i] / area[i]) : atoms[i].Location.Copy();
            host[i] = -1;
        }
        for (var i = 0; i < n; i++)
        {
            if (cells[i].Count > 0) continue;
            var best = double.MaxValue;
            for (var j = 0; j < n; j++)
            {
                if (cells[j].Count == 0) continue;
                var d = atoms[i].Location.Distance(atoms[j].Location);
                if (d < best) { best = d; host[i] = j; }
            }
        }

        return new AtomGraph
        {
            Count = n, Edges = edges, Area = area, Perimeter = perimeter, Centroid = centroid, Cells = cells, HostOf = host,
            Unreached = UnreachedGroups(pieces, pieceEdges),
        };
    }

    private static List<(int Other, double Length, BarrierClass Class)>[] PieceEdges(List<Piece> pieces, BlockBuilder blocks)
    {
        var result = new List<(int, double, BarrierClass)>[pieces.Count];
        for (var i = 0; i < result.Length; i++) result[i] = [];
        var open = new Dictionary<(double, double, double, double), int>();
        for (var p = 0; p < pieces.Count; p++)
        {
            var shape = pieces[p].Shape;
            for (var r = -1; r < shape.NumInteriorRings; r++)
            {
                var cs = (r < 0 ? shape.ExteriorRing : shape.GetInteriorRingN(r)).CoordinateSequence;
                for (var i = 0; i + 1 < cs.Count; i++)
                {
                    var a = cs.GetCoordinate(i);
                    var b = cs.GetCoordinate(i + 1);
                    var key = Coverage.FaceCoverage.SegmentKey(a, b);
                    if (!open.Remove(key, out var other)) { open[key] = p; continue; }
                    if (other == p) continue;
                    var cls = SameBlock(pieces, p, other) ? BarrierClass.None : blocks.ClassOf(a, b);
                    Add(result, p, other, a.Distance(b), cls);
                }
            }
        }
        return result;
    }

    private static bool SameBlock(List<Piece> pieces, int p, int q) => pieces[p].Block == pieces[q].Block;

    private static void Add(List<(int, double, BarrierClass)>[] edges, int p, int q, double length, BarrierClass cls)
    {
        edges[p].Add((q, length, cls));
        edges[q].Add((p, length, cls));
    }

    // A fragment goes to a resolved neighbour across the weakest line it has (none, then soft, major, hard), and among
    // those to the one it shares most boundary with. Attachment runs in waves, one line class at a time, so that a
    // chain of fragments beyond a river first reaches the buildings on its own side: a fragment carried across a
    // river would let a cell reach the far side without a barrier edge, and grids would straddle the river.
    private static void AttachFragments(List<Piece> pieces, List<(int Other, double Length, BarrierClass Class)>[] edges)
    {
        foreach (var allowed in new[] { BarrierClass.None, BarrierClass.Soft, BarrierClass.Major, BarrierClass.Hard })
        {
            bool changed;
            do
            {
                changed = false;
                var decided = new List<(int Piece, int Atom)>();
                for (var p = 0; p < pieces.Count; p++)
                {
                    if (pieces[p].Atom >= 0) continue;
                    var score = new Dictionary<int, (BarrierClass Weakest, double Length)>();
                    foreach (var (q, len, cls) in edges[p])
                    {
                        var a = pieces[q].Atom;
                        if (a < 0 || cls > allowed) continue;
                        var s = score.TryGetValue(a, out var found) ? found : (BarrierClass.Hard, 0.0);
                        score[a] = ((BarrierClass)Math.Min((byte)s.Item1, (byte)cls), s.Item2 + len);
                    }
                    if (score.Count == 0) continue;
                    decided.Add((p, score.OrderBy(kv => kv.Value.Weakest).ThenByDescending(kv => kv.Value.Length).ThenBy(kv => kv.Key).First().Key));
                }
                foreach (var (p, a) in decided) { pieces[p].Atom = a; changed = true; }
            }
            while (changed);
        }
    }

    private static List<List<Polygon>> UnreachedGroups(List<Piece> pieces, List<(int Other, double Length, BarrierClass Class)>[] edges)
    {
        var groups = new List<List<Polygon>>();
        var seen = new bool[pieces.Count];
        for (var p = 0; p < pieces.Count; p++)
        {
            if (pieces[p].Atom >= 0 || seen[p]) continue;
            var group = new List<Polygon>();
            var stack = new Stack<int>();
            stack.Push(p);
            seen[p] = true;
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                group.Add(pieces[x].Shape);
                foreach (var (q, _, _) in edges[x])
                {
                    if (!seen[q] && pieces[q].Atom < 0) { seen[q] = true; stack.Push(q); }
                }
            }
            groups.Add(group);
        }
        return groups;
    }
}

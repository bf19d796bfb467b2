using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// Makes the tessellation's pieces an exact polygonal coverage: where a piece's edge runs along a
/// neighbour's edge with different vertices (cells of two blocks meeting along a barrier), the
/// neighbour's vertices that lie on the edge (within <see cref="Tolerance"/>) are inserted into it, so
/// every shared boundary consists of identical segments on both sides. Grid polygons can then be
/// dissolved with a coverage union, and shared boundaries found by hashing segments.
/// </summary>
public static class PieceNoder
{
    /// <summary>Distance in metres within which a vertex counts as lying on an edge.</summary>
    public const double Tolerance = 1e-6 * 5;

    public static void Node(List<Piece> pieces)
    {
        var seen = new Dictionary<(double, double, double, double), int>();
        var segments = new List<(int Piece, int Ring, int Index, Coordinate A, Coordinate B)>();
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
                    var key = Key(a, b);
                    if (seen.Remove(key, out var other)) continue;
                    seen[key] = segments.Count;
                    segments.Add((p, r, i, a, b));
                }
            }
        }
        if (seen.Count == 0) return;
        var loose = seen.Values.ToList();
        var vertices = new STRtree<Coordinate>();
        var inserted = new HashSet<(double, double)>();
        foreach (var s in loose)
        {
            foreach (var v in new[] { segments[s].A, segments[s].B })
            {
                if (inserted.Add((v.X, v.Y))) vertices.Insert(new Envelope(v), v);
            }
        }
        vertices.Build();

        var additions = new Dictionary<(int Piece, int Ring), Dictionary<int, List<(double T, Coordinate V)>>>();
        foreach (var s in loose)
        {
            var (p, r, i, a, b) = segments[s];
            var env = new Envelope(a, b);
            env.ExpandBy(Tolerance);
            var seg = new LineSegment(a, b);
            List<(double, Coordinate)>? found = null;
            foreach (var v in vertices.Query(env))
            {
                if (v.Equals2D(a) || v.Equals2D(b)) continue;
                var t = seg.ProjectionFactor(v);
                if (t <= 0 || t >= 1 || seg.Distance(v) > Tolerance) continue;
                (found ??= []).Add((t, v));
            }
            if (found is null) continue;
            if (!additions.TryGetValue((p, r), out var byIndex)) additions[(p, r)] = byIndex = [];
            byIndex[i] = found;
        }
        if (additions.Count == 0) return;

        var f = LocalMetricProjection.MetricFactory;
        foreach (var group in additions.GroupBy(kv => kv.Key.Piece))
        {
            var piece = pieces[group.Key];
            var shape = piece.Shape;
            var rings = new LinearRing[shape.NumInteriorRings + 1];
            for (var r = -1; r < shape.NumInteriorRings; r++)
            {
                var ring = r < 0 ? shape.ExteriorRing : shape.GetInteriorRingN(r);
                var add = group.FirstOrDefault(kv => kv.Key.Ring == r).Value;
                rings[r + 1] = add is null ? (LinearRing)ring : f.CreateLinearRing(Insert(ring.Coordinates, add));
            }
            pieces[group.Key] = new Piece(piece.Block, piece.Atom, f.CreatePolygon(rings[0], rings.Skip(1).ToArray()), piece.TouchesBlockBoundary);
        }
    }

    private static Coordinate[] Insert(Coordinate[] ring, Dictionary<int, List<(double T, Coordinate V)>> add)
    {
        var list = new List<Coordinate>(ring.Length + add.Sum(kv => kv.Value.Count));
        for (var i = 0; i < ring.Length; i++)
        {
            list.Add(ring[i]);
            if (!add.TryGetValue(i, out var extra)) continue;
            foreach (var (_, v) in extra.OrderBy(e => e.T))
            {
                if (!list[^1].Equals2D(v)) list.Add(v.Copy());
            }
        }
        return list.ToArray();
    }

    public static (double, double, double, double) Key(Coordinate a, Coordinate b) =>
        a.X < b.X || (a.X == b.X && a.Y < b.Y) ? (a.X, a.Y, b.X, b.Y) : (b.X, b.Y, a.X, a.Y);
}

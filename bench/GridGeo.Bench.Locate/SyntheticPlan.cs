using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace GridGeo.Bench.Locate;

/// <summary>
/// A synthetic grid plan for benchmarks: the Voronoi cells of a jittered lattice of sites (≈ 1 km apart, like
/// urban grids), every edge bent into <see cref="BendsPerEdge"/> extra vertices so grids have the ~50 vertices of
/// road-following boundaries. Neighbours share each bent edge vertex for vertex, so the plan tiles its area.
/// </summary>
public static class SyntheticPlan
{
    private const int BendsPerEdge = 7;
    private const double Spacing = 0.01;

    public static List<Grid> Generate(int grids, int seed, double originLon = 106.0, double originLat = 26.0)
    {
        var random = new Random(seed);
        var cols = (int)Math.Ceiling(Math.Sqrt(grids * 1.5));
        var rows = (int)Math.Ceiling((double)grids / cols);
        var sites = new List<Coordinate>();
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols && sites.Count < grids; c++)
            sites.Add(new Coordinate(originLon + (c + 0.5 + (random.NextDouble() - 0.5) * 0.7) * Spacing,
                                     originLat + (r + 0.5 + (random.NextDouble() - 0.5) * 0.7) * Spacing));
        var env = new Envelope(originLon, originLon + cols * Spacing, originLat, originLat + rows * Spacing);
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites);
        builder.ClipEnvelope = env;
        builder.Tolerance = 0;
        var clip = GeoFactory.Wgs84.ToGeometry(env);
        var cells = builder.GetDiagram(GeoFactory.Wgs84);
        var result = new List<Grid>(grids);
        var polygons = new List<Polygon>();
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            var clipped = cells.GetGeometryN(i).Intersection(clip);
            if (clipped is Polygon p && !p.IsEmpty) polygons.Add(p);
        }
        // West→east, north→south order, as grid codes are numbered.
        polygons.Sort((a, b) =>
        {
            var ca = a.EnvelopeInternal.Centre;
            var cb = b.EnvelopeInternal.Centre;
            var byRow = -Math.Round(ca.Y / Spacing).CompareTo(Math.Round(cb.Y / Spacing));
            return byRow != 0 ? byRow : ca.X.CompareTo(cb.X);
        });
        for (var i = 0; i < polygons.Count; i++)
        {
            var community = i / 8;
            var code = "520102" + (1 + community / 200).ToString("D3") + (1 + community % 200).ToString("D3") + (1 + i % 8).ToString("D3");
            result.Add(new Grid(code, code[..12], GridKinds.Basic, null, 350, [], Bend(polygons[i], seed)));
        }
        return result;
    }

    private static Polygon Bend(Polygon cell, int seed)
    {
        var ring = cell.Shell.Coordinates;
        var bent = new List<Coordinate>();
        for (var i = 0; i + 1 < ring.Length; i++)
        {
            var (a, b) = (ring[i], ring[i + 1]);
            bent.Add(a.Copy());
            var forward = a.X < b.X || (a.X == b.X && a.Y < b.Y);
            var (p, q) = forward ? (a, b) : (b, a);
            var mids = Bends(p, q, seed);
            if (!forward) mids.Reverse();
            bent.AddRange(mids);
        }
        bent.Add(bent[0].Copy());
        var shell = GeoFactory.Wgs84.CreateLinearRing(bent.ToArray());
        return GeoFactory.Wgs84.CreatePolygon(shell);
    }

    /// <summary>The bent vertices of the edge p→q (p the canonical first end), the same whichever cell asks.</summary>
    private static List<Coordinate> Bends(Coordinate p, Coordinate q, int seed)
    {
        var random = new Random(StableHash(p.X, p.Y, q.X, q.Y, seed));
        double dx = q.X - p.X, dy = q.Y - p.Y;
        var length = Math.Sqrt(dx * dx + dy * dy);
        var onBoundary = (p.X == q.X) || (p.Y == q.Y);
        var result = new List<Coordinate>(BendsPerEdge);
        if (length == 0) return result;
        for (var k = 1; k <= BendsPerEdge; k++)
        {
            var t = (double)k / (BendsPerEdge + 1);
            var offset = onBoundary ? 0 : (random.NextDouble() - 0.5) * 0.06 * length;
            result.Add(new Coordinate(p.X + t * dx - dy / length * offset, p.Y + t * dy + dx / length * offset));
        }
        return result;
    }

    // HashCode is randomised per process; the plan must be the same in every run of a given seed.
    private static int StableHash(double a, double b, double c, double d, int seed)
    {
        ulong h = 1469598103934665603UL ^ (ulong)seed;
        foreach (var v in new[] { a, b, c, d })
        {
            h ^= (ulong)BitConverter.DoubleToInt64Bits(v);
            h *= 1099511628211UL;
            h ^= h >> 29;
        }
        return (int)(h & 0x7FFFFFFF);
    }
}

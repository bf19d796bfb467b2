using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Triangulate;

namespace GridGeo.Core.Tests.Lookup;

/// <summary>Small grid plans for locator tests, and the brute-force answer they are checked against.</summary>
internal static class LookupFixtures
{
    private static readonly WKTReader Wkt = new(GeoFactory.Wgs84.GeometryServices);

    public static Grid GridOf(string code, string wkt) =>
        new(code, code[..12], GridKinds.Basic, null, 0, [], Wkt.Read(wkt));

    public static Grid GridOf(string code, Geometry boundary) =>
        new(code, code[..12], GridKinds.Basic, null, 0, [], boundary);

    public static string Code(int sequence) => "520102001001" + sequence.ToString("D3");

    /// <summary>
    /// A <paramref name="n"/>×<paramref name="n"/> lattice of square grids of <paramref name="size"/> degrees from
    /// (106, 26); the codes are shuffled so that "first by code" is not "first by position".
    /// </summary>
    public static List<Grid> Lattice(int n, double size, int seed)
    {
        var codes = Enumerable.Range(1, n * n).OrderBy(_ => 0).ToArray();
        new Random(seed).Shuffle(codes);
        var grids = new List<Grid>();
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            double x0 = 106 + i * size, y0 = 26 + j * size, x1 = 106 + (i + 1) * size, y1 = 26 + (j + 1) * size;
            var ring = GeoFactory.Wgs84.CreateLinearRing([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);
            grids.Add(GridOf(Code(codes[i * n + j]), GeoFactory.Wgs84.CreatePolygon(ring)));
        }
        return grids;
    }

    /// <summary>
    /// A mesh of <paramref name="sites"/> Voronoi cells over a 0.1° square, irregular like real grids; two far-apart
    /// cells are merged into one MultiPolygon grid.
    /// </summary>
    public static List<Grid> VoronoiMesh(int sites, int seed)
    {
        var random = new Random(seed);
        var env = new Envelope(106.0, 106.1, 26.0, 26.1);
        var points = Enumerable.Range(0, sites)
            .Select(_ => new Coordinate(env.MinX + random.NextDouble() * env.Width, env.MinY + random.NextDouble() * env.Height))
            .ToList();
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(points);
        builder.ClipEnvelope = env;
        var diagram = builder.GetDiagram(GeoFactory.Wgs84);
        var clip = GeoFactory.Wgs84.ToGeometry(env);
        var cells = Enumerable.Range(0, diagram.NumGeometries)
            .Select(i => diagram.GetGeometryN(i).Intersection(clip))
            .Where(g => g is Polygon && !g.IsEmpty)
            .Cast<Polygon>()
            .ToList();
        var codes = Enumerable.Range(1, cells.Count).ToArray();
        random.Shuffle(codes);
        var grids = new List<Grid>();
        var first = cells[0];
        var far = cells.OrderByDescending(c => c.Centroid.Distance(first.Centroid)).First();
        grids.Add(GridOf(Code(codes[0]), GeoFactory.Wgs84.CreateMultiPolygon([first, far])));
        var k = 1;
        foreach (var c in cells)
        {
            if (ReferenceEquals(c, first) || ReferenceEquals(c, far)) continue;
            grids.Add(GridOf(Code(codes[k++]), c));
        }
        return grids;
    }

    /// <summary>The shared-edge rule by brute force: the lowest code among grids whose boundary Covers the point.</summary>
    public static string? BruteForce(IEnumerable<Grid> grids, double lon, double lat)
    {
        var p = GeoFactory.Wgs84.CreatePoint(new Coordinate(lon, lat));
        return grids.Where(g => g.Boundary.Covers(p)).Select(g => g.Code).OrderBy(c => c, StringComparer.Ordinal).FirstOrDefault();
    }
}

using GridGeo.Core.Geo;
using GridGeo.Core.Linking;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using Barrier = GridGeo.Core.Model.Barrier;

namespace GridGeo.Core.Tests.Partitioning;

/// <summary>Small districts drawn in metres around (116.3°E, 39.9°N) and converted to WGS84.</summary>
internal static class TestDistricts
{
    public const string Street = "110101001";
    private const double Lon0 = 116.3;
    private const double Lat0 = 39.9;
    private static readonly double MetresPerDegLon = 111_320 * Math.Cos(Lat0 * Math.PI / 180);
    private const double MetresPerDegLat = 110_540;

    public static string Code(int n) => Street + n.ToString("D3");

    public static Coordinate At(double x, double y) => new(Lon0 + x / MetresPerDegLon, Lat0 + y / MetresPerDegLat);

    public static Polygon Rect(double x0, double y0, double x1, double y1) =>
        GeoFactory.Wgs84.CreatePolygon([At(x0, y0), At(x1, y0), At(x1, y1), At(x0, y1), At(x0, y0)]);

    public static LineString Line(params (double X, double Y)[] points) =>
        GeoFactory.Wgs84.CreateLineString(points.Select(p => At(p.X, p.Y)).ToArray());

    public static Community Community(int n, Geometry boundary) => new(Code(n), $"community {n}", Street, boundary);

    /// <summary>A lattice of buildings: nx × ny at a spacing, starting half a spacing inside (x0, y0).</summary>
    public static List<Building> Lattice(string prefix, double x0, double y0, int nx, int ny, double spacing, int households,
        int units = 1, string? compound = null)
    {
        var list = new List<Building>();
        for (var j = 0; j < ny; j++)
        for (var i = 0; i < nx; i++)
        {
            var c = At(x0 + (i + 0.5) * spacing, y0 + (j + 0.5) * spacing);
            list.Add(new Building($"{prefix}{j:D2}{i:D2}", GeoFactory.Wgs84.CreatePoint(c), households, units, 6, compound));
        }
        return list;
    }

    public static DistrictBundle Bundle(IEnumerable<Community> communities, IEnumerable<Building> buildings,
        IEnumerable<Compound>? compounds = null, IEnumerable<DedicatedArea>? dedicated = null, IEnumerable<Barrier>? barriers = null) =>
        BundleLinker.Link(new DistrictBundle(communities.ToList(), buildings.ToList(), null, compounds?.ToList(), dedicated?.ToList(), barriers?.ToList()));

    /// <summary>
    /// A generated district for property tests: a row of communities of different shapes (rectangles,
    /// an L shape, one with an exclave), villages of small houses and estates of towers, compounds, a river
    /// and major/minor roads, and a park. <paramref name="seed"/> varies sizes and households.
    /// </summary>
    public static DistrictBundle Generated(int seed, int communities = 4)
    {
        var rnd = new Random(seed);
        var comms = new List<Community>();
        var buildings = new List<Building>();
        var compounds = new List<Compound>();
        var barriers = new List<Barrier>();
        var dedicated = new List<DedicatedArea>();
        var f = GeoFactory.Wgs84;
        for (var c = 0; c < communities; c++)
        {
            var x0 = c * 1200.0;
            var w = 1000 + rnd.Next(0, 200);
            var h = 800 + rnd.Next(0, 400);
            Geometry boundary = (c % 3) switch
            {
                0 => Rect(x0, 0, x0 + w, h),
                1 => f.CreatePolygon([At(x0, 0), At(x0 + w, 0), At(x0 + w, h / 2.0), At(x0 + w / 2.0, h / 2.0), At(x0 + w / 2.0, h), At(x0, h), At(x0, 0)]),
                _ => f.CreateMultiPolygon([Rect(x0, 0, x0 + w, h), Rect(x0 + 200, h + 150, x0 + 400, h + 300)]),
            };
            var comm = Community(c + 1, boundary);
            comms.Add(comm);
            var prefix = $"C{c}";
            // Villages: small houses on a jittered lattice inside the community.
            var spacing = 25 + rnd.Next(0, 15);
            var n = 0;
            for (var y = spacing / 2.0; y < h; y += spacing)
            for (var x = spacing / 2.0; x < w; x += spacing)
            {
                var p = f.CreatePoint(At(x0 + x + rnd.NextDouble() * 6 - 3, y + rnd.NextDouble() * 6 - 3));
                if (!boundary.Contains(p)) continue;
                var hh = rnd.Next(0, 100) < 70 ? rnd.Next(1, 5) : rnd.Next(6, 30);
                buildings.Add(new Building($"{prefix}H{n++}", p, hh, hh > 12 ? 2 : 1));
            }
            // An estate of towers in a compound near the south-west corner.
            var towers = rnd.Next(3, 9);
            var towerHh = rnd.Next(0, 2) == 0 ? 264 : rnd.Next(60, 200);
            var cx = x0 + 60;
            compounds.Add(new Compound($"{prefix}K", "estate", null, Rect(cx, 40, cx + 40 * towers + 20, 110)));
            for (var t = 0; t < towers; t++)
                buildings.Add(new Building($"{prefix}T{t}", f.CreatePoint(At(cx + 20 + 40 * t + 3, 75)), towerHh, 4, 18, $"{prefix}K"));
            if (c % 3 == 2)
            {
                // Twelve households in the exclave.
                buildings.Add(new Building($"{prefix}X1", f.CreatePoint(At(x0 + 300, h + 220)), 7));
                buildings.Add(new Building($"{prefix}X2", f.CreatePoint(At(x0 + 330, h + 230)), 5));
            }
            barriers.Add(new Barrier(BarrierKinds.MinorRoad, Line((x0 - 10, h * 0.3), (x0 + w + 10, h * 0.3 + 20))));
            barriers.Add(new Barrier(BarrierKinds.MajorRoad, Line((x0 + w * 0.6, -10), (x0 + w * 0.6 + 30, h + 10))));
            if (c == 1) dedicated.Add(new DedicatedArea($"{prefix}P", "park", "park", null, Rect(x0 + w - 200, 20, x0 + w - 20, 200)));
        }
        barriers.Add(new Barrier(BarrierKinds.River, Line((-50, 600), (communities * 1200.0, 640))));
        return Bundle(comms, buildings, compounds, dedicated, barriers);
    }
}

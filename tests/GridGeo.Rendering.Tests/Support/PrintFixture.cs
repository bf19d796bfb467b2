using GridGeo.Core.Model;
using Barrier = GridGeo.Core.Model.Barrier;
using GridGeo.Rendering;
using GridGeo.Rendering.Boards;
using NetTopologySuite.Geometries;

namespace GridGeo.Rendering.Tests.Support;

/// <summary>
/// A small street for printing: two communities side by side near Zunyi (27.7° N), each a lattice of 3 × 2 grids of
/// about 200 × 180 m, every grid split into four liaison units, with a building every ~40 m, a major road along the
/// communities' shared edge and a river across the south. Households vary by grid so that some are outside 300–500.
/// </summary>
public static class PrintFixture
{
    public const string Street = "520321001";
    public const double Lon0 = 106.92;
    public const double Lat0 = 27.70;
    private const double DLon = 0.002; // ≈ 197 m at 27.7° N
    private const double DLat = 0.0016; // ≈ 177 m

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static MapLayers Street2Communities(int columns = 3, int rows = 2)
    {
        var communities = new List<Community>();
        var grids = new List<Grid>();
        var units = new List<LiaisonUnit>();
        var buildings = new List<Building>();
        for (var c = 0; c < 2; c++)
        {
            var code = $"{Street}00{c + 1}";
            var x0 = Lon0 + c * columns * DLon;
            communities.Add(new Community(code, c == 0 ? "幸福社区" : "和平社区", Street, Box(x0, Lat0, x0 + columns * DLon, Lat0 + rows * DLat), "幸福街道", "汇川区"));
            var seq = 0;
            for (var row = rows - 1; row >= 0; row--)
                for (var col = 0; col < columns; col++)
                {
                    seq++;
                    var gridCode = $"{code}{seq:D3}";
                    var gx = x0 + col * DLon;
                    var gy = Lat0 + row * DLat;
                    var members = new List<string>();
                    var households = 0;
                    for (var i = 0; i < 5; i++)
                        for (var j = 0; j < 4; j++)
                        {
                            var id = $"B{c}{seq:D2}{i}{j}";
                            var h = 10 + (seq * 7 + i * 13 + j * 5 + c * 11) % 17 * (seq == 2 ? 4 : 1) + 6;
                            buildings.Add(new Building(id, Factory.CreatePoint(new Coordinate(gx + DLon * (i + 0.5) / 5, gy + DLat * (j + 0.5) / 4)), h, CommunityCode: code));
                            members.Add(id);
                            households += h;
                        }
                    var kind = c == 1 && seq == columns * rows ? GridKinds.Dedicated : GridKinds.Basic;
                    grids.Add(new Grid(gridCode, code, kind, kind == GridKinds.Dedicated ? "school" : null, households, members, Box(gx, gy, gx + DLon, gy + DLat)));
                    var u = 0;
                    for (var qy = 1; qy >= 0; qy--)
                        for (var qx = 0; qx < 2; qx++)
                        {
                            u++;
                            units.Add(new LiaisonUnit($"{gridCode}{u:D3}", gridCode, households / 4, [],
                                Box(gx + qx * DLon / 2, gy + qy * DLat / 2, gx + (qx + 1) * DLon / 2, gy + (qy + 1) * DLat / 2)));
                        }
                }
        }
        var shared = Lon0 + columns * DLon;
        List<Barrier> barriers =
        [
            new(BarrierKinds.MajorRoad, Line((shared, Lat0 - DLat), (shared, Lat0 + (rows + 1) * DLat))),
            new(BarrierKinds.MinorRoad, Line((Lon0 - DLon, Lat0 + DLat), (Lon0 + (2 * columns + 1) * DLon, Lat0 + DLat))),
            new(BarrierKinds.River, Line((Lon0 - DLon, Lat0 + 0.1 * DLat), (Lon0 + 2 * DLon, Lat0 + 0.25 * DLat), (Lon0 + (2 * columns + 1) * DLon, Lat0 + 0.05 * DLat))),
        ];
        return new MapLayers(communities, grids, units, buildings, barriers);
    }

    public static GridBoard Board(string gridCode, IReadOnlyList<GridStaffMember>? staff = null)
    {
        var layers = Street2Communities();
        var grid = layers.Grids.Single(g => g.Code == gridCode);
        var community = layers.Communities.Single(c => c.Code == grid.CommunityCode);
        return new GridBoard(grid, community.Name, community.StreetName, community.CountyName,
            layers.LiaisonUnits.Where(u => u.GridCode == gridCode).ToList(), staff ?? [],
            $"https://grids.example.cn/?grid={gridCode}", layers, new DateOnly(2026, 12, 6));
    }

    public static LineString Line(params (double X, double Y)[] points) =>
        Factory.CreateLineString(points.Select(p => new Coordinate(p.X, p.Y)).ToArray());

    public static Polygon Box(double x1, double y1, double x2, double y2) =>
        Factory.CreatePolygon([new(x1, y1), new(x2, y1), new(x2, y2), new(x1, y2), new(x1, y1)]);
}

using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Tests.Partitioning.Liaison;

/// <summary>Small worlds for liaison tests: buildings placed in metres around an origin, grids as rectangles.</summary>
internal static class LiaisonFixtures
{
    public const string Community = "520321001001";
    private const double Lon0 = 106.7;
    private const double Lat0 = 26.5;

    public static string GridCode(int n) => AdminCodes.Child(Community, n);

    public static Point At(double eastMetres, double northMetres) => GeoFactory.Wgs84.CreatePoint(new Coordinate(
        Lon0 + eastMetres / (111_320.0 * Math.Cos(Lat0 * Math.PI / 180)),
        Lat0 + northMetres / 110_574.0));

    public static Building Building(string id, double east, double north, int households, int units = 1, int floors = 1) =>
        new(id, At(east, north), households, units, floors, CommunityCode: Community);

    public static Polygon Rectangle(double west, double south, double east, double north)
    {
        var a = At(west, south).Coordinate;
        var b = At(east, north).Coordinate;
        return GeoFactory.Wgs84.CreatePolygon([new(a.X, a.Y), new(b.X, a.Y), new(b.X, b.Y), new(a.X, b.Y), new(a.X, a.Y)]);
    }

    public static Grid Grid(int n, Polygon boundary, IEnumerable<string> buildings, int households = 0) =>
        new(GridCode(n), Community, GridKinds.Basic, null, households, buildings.ToList(), boundary);

    /// <summary>One grid (a rectangle well around every building) holding all the buildings.</summary>
    public static (DistrictBundle Bundle, List<Grid> Grids) OneGrid(params Building[] buildings)
    {
        var bundle = new DistrictBundle([], buildings);
        var grid = Grid(1, Rectangle(-2000, -2000, 2000, 2000), buildings.Select(b => b.Id), buildings.Sum(b => b.Households));
        return (bundle, [grid]);
    }

    /// <summary>Metric distance between two lon/lat points, as the fixtures place them.</summary>
    public static double Metres((double Lon, double Lat) a, (double Lon, double Lat) b)
    {
        var dx = (a.Lon - b.Lon) * 111_320.0 * Math.Cos(Lat0 * Math.PI / 180);
        var dy = (a.Lat - b.Lat) * 110_574.0;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}

using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Testing;

/// <summary>Grids over the communities of <see cref="TestBundle"/>: each community split into a west and an east half.</summary>
public static class TestGrids
{
    /// <summary>Four grids: <c>…001001001</c> and <c>…001001002</c> in the west community, <c>…001002001</c> and <c>…001002002</c> in the east one.</summary>
    public static IReadOnlyList<Grid> HalvesOf(string county)
    {
        var west = TestBundle.WestOf(county);
        var result = new List<Grid>();
        for (var c = 1; c <= 2; c++)
        {
            var community = TestBundle.CommunityCode(county, c);
            var x0 = west + (c - 1) * 0.01;
            for (var half = 1; half <= 2; half++)
            {
                var (left, right) = half == 1 ? (x0, x0 + 0.005) : (x0 + 0.005, x0 + 0.01);
                var members = Enumerable.Range(1, TestBundle.BuildingsPerCommunity)
                    .Where(n => (x0 + 0.002 * n < x0 + 0.005) == (half == 1))
                    .ToList();
                result.Add(new Grid($"{community}{half:D3}", community, c == 2 && half == 2 ? GridKinds.Dedicated : GridKinds.Basic,
                    c == 2 && half == 2 ? "school" : null, members.Sum(TestBundle.HouseholdsOf),
                    members.Select(n => TestBundle.BuildingId(county, c, n)).ToList(), Corners(left, TestBundle.South, right, TestBundle.South + 0.01)));
            }
        }
        return result;
    }

    /// <summary>Corners computed by the caller with the same arithmetic as the communities, so that shared edges match exactly.</summary>
    public static Polygon Corners(double minX, double minY, double maxX, double maxY) => GeoFactory.Wgs84.CreatePolygon(
    [
        new Coordinate(minX, minY), new Coordinate(maxX, minY), new Coordinate(maxX, maxY), new Coordinate(minX, maxY), new Coordinate(minX, minY),
    ]);

    public static Polygon Box(double x, double y, double width, double height) => Corners(x, y, x + width, y + height);
}

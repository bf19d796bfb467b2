using System.Globalization;
using System.Text;

namespace GridGeo.Testing;

/// <summary>
/// Writes small district bundles (contract §1) into temporary folders for tests. The district of county
/// <c>county</c> has one street <c>county+"001"</c> and two side-by-side square communities
/// (<c>…001001</c> west, <c>…001002</c> east), each 0.01° wide, with <see cref="BuildingsPerCommunity"/>
/// buildings of 2 stair units and 3 floors, a compound, a school and a road. Pass a distinct county per
/// test when tests share a database. Tests break one file afterwards to check an input rule.
/// </summary>
public static class TestBundle
{
    public const int BuildingsPerCommunity = 4;

    /// <summary>The west edge of the district for <paramref name="county"/>: districts of different counties do not overlap.</summary>
    public static double WestOf(string county) => 100 + int.Parse(county, CultureInfo.InvariantCulture) % 1000 * 0.05;

    public const double South = 30.0;

    public static string NewFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gridgeo-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string CommunityCode(string county, int n) => $"{county}001{n:D3}";

    public static string BuildingId(string county, int community, int n) => $"B{county}-{community}-{n}";

    /// <summary>Households of building n (1-based) of a community: 10, 20, 30, …</summary>
    public static int HouseholdsOf(int n) => 10 * n;

    /// <summary>Writes the bundle; with <paramref name="households"/> also households.csv (one row per household).</summary>
    public static string Write(string county, bool households = true, string? dir = null, int buildingsPerCommunity = BuildingsPerCommunity)
    {
        dir ??= NewFolder();
        var west = WestOf(county);
        var communities = new StringBuilder();
        var buildings = new StringBuilder();
        var csv = new StringBuilder("id,building_id,unit,floor,room,lon,lat,address\n");
        for (var c = 1; c <= 2; c++)
        {
            var x0 = west + (c - 1) * 0.01;
            if (c > 1) communities.Append(',');
            communities.Append(Feature(Square(x0, South, 0.01), $"\"code\":\"{CommunityCode(county, c)}\",\"name\":\"社区{c}\",\"street_code\":\"{county}001\""));
            for (var n = 1; n <= buildingsPerCommunity; n++)
            {
                var id = BuildingId(county, c, n);
                var (x, y) = (x0 + 0.002 * n, South + 0.005);
                if (buildings.Length > 0) buildings.Append(',');
                var compound = c == 1 && n <= 2 ? ",\"compound_id\":\"C" + county + "\"" : "";
                buildings.Append(Feature(Point(x, y),
                    $"\"id\":\"{id}\",\"households\":{HouseholdsOf(n)},\"units\":2,\"floors\":3,\"address\":\"幸福路{n}号{c}栋\"{compound}"));
                for (var h = 1; h <= HouseholdsOf(n); h++)
                {
                    var unit = h % 2 + 1;
                    var floor = h % 3 + 1;
                    csv.Append(CultureInfo.InvariantCulture, $"{id}-h{h},{id},{unit},{floor},{floor}0{h},{F(x)},{F(y)},幸福路{n}号{c}栋{unit}单元{floor}0{h}室\n");
                }
            }
        }
        File.WriteAllText(Path.Combine(dir, "communities.geojson"), Collection(communities.ToString()));
        File.WriteAllText(Path.Combine(dir, "buildings.geojson"), Collection(buildings.ToString()));
        if (households) File.WriteAllText(Path.Combine(dir, "households.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "compounds.geojson"), Collection(
            Feature(Square(west + 0.001, South + 0.004, 0.0045), $"\"id\":\"C{county}\",\"name\":\"幸福小区\"")));
        File.WriteAllText(Path.Combine(dir, "dedicated.geojson"), Collection(
            Feature(Square(west + 0.0155, South + 0.001, 0.002), $"\"id\":\"S{county}\",\"kind\":\"school\",\"name\":\"第一小学\"")));
        File.WriteAllText(Path.Combine(dir, "barriers.geojson"), Collection(
            Feature($"{{\"type\":\"LineString\",\"coordinates\":[[{F(west)},{F(South + 0.008)}],[{F(west + 0.02)},{F(South + 0.008)}]]}}", "\"kind\":\"major_road\"")));
        return dir;
    }

    public static int TotalHouseholds(int buildingsPerCommunity = BuildingsPerCommunity) =>
        2 * Enumerable.Range(1, buildingsPerCommunity).Sum(HouseholdsOf);

    public static string Collection(string features) => $"{{\"type\":\"FeatureCollection\",\"features\":[{features}]}}";

    public static string Feature(string geometry, string properties) =>
        $"{{\"type\":\"Feature\",\"geometry\":{geometry},\"properties\":{{{properties}}}}}";

    public static string Point(double x, double y) => $"{{\"type\":\"Point\",\"coordinates\":[{F(x)},{F(y)}]}}";

    public static string Square(double x, double y, double size) =>
        $"{{\"type\":\"Polygon\",\"coordinates\":[[[{F(x)},{F(y)}],[{F(x + size)},{F(y)}],[{F(x + size)},{F(y + size)}],[{F(x)},{F(y + size)}],[{F(x)},{F(y)}]]]}}";

    public static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

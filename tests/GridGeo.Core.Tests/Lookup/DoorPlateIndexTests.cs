using GridGeo.Core.Geo;
using GridGeo.Core.Lookup;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Tests.Lookup;

public class DoorPlateIndexTests
{
    private static Polygon Square(double x0, double y0, double size) =>
        GeoFactory.Wgs84.CreatePolygon([new(x0, y0), new(x0 + size, y0), new(x0 + size, y0 + size), new(x0, y0 + size), new(x0, y0)]);

    private static (DoorPlateIndex Index, DoorPlateGrids Grids) Small()
    {
        var b = new DoorPlateIndexBuilder();
        b.AddBuilding("B1", "幸福路12号3栋", "幸福小区", 106.7005, 26.5005);
        b.AddBuilding("B2", "幸福路12号4栋", "幸福小区", 106.7015, 26.5005);
        b.AddBuilding("B3", "幸福路12号5栋", "幸福小区", 106.7025, 26.5005); // no household on record
        b.AddBuilding("H1", "银杏村3组15号", null, 106.7035, 26.5005);
        for (var unit = 1; unit <= 2; unit++)
        for (var room = 101; room <= 102; room++)
        {
            b.AddHousehold($"B1-{unit}-{room}", "B1", unit, room.ToString(), $"贵州省贵阳市南明区花果园街道幸福路12号3栋{unit}单元{room}室");
            b.AddHousehold($"B2-{unit}-{room}", "B2", unit, room.ToString(), $"贵州省贵阳市南明区花果园街道幸福路12号4栋{unit}单元{room}室");
        }
        b.AddHousehold("H1-1", "H1", 1, "", "和平镇银杏村3组15号");
        b.AddHousehold("H1-2", "H1", 1, "附1", "和平镇银杏村3组15号附1号");
        var index = b.Build();
        var grids = new List<Grid>
        {
            new("520102001001001", "520102001001", GridKinds.Basic, null, 6, ["B1#1", "B2"], Square(106.700, 26.500, 0.001)),
            new("520102001001002", "520102001001", GridKinds.Basic, null, 4, ["B1#2", "H1"], Square(106.701, 26.500, 0.001)),
            new("520102001001003", "520102001001", GridKinds.Basic, null, 0, [], Square(106.702, 26.500, 0.001)),
        };
        var locator = GridLocator.Build(grids);
        return (index, DoorPlateGrids.Build(index, locator, [("B1-1-101", "520102001001001001"), ("B2-2-102", "520102001001001002")]));
    }

    private static string? Household(DoorPlateIndex index, DoorPlateMatch m) => m.Household < 0 ? null : index.HouseholdId(m.Household).ToString();

    [Theory]
    [InlineData("幸福路12号3栋1单元101室", "B1-1-101")]
    [InlineData("幸福路12号3-2-102", "B1-2-102")]
    [InlineData("幸福小区4栋2单元102", "B2-2-102")]          // by compound name
    [InlineData("幸福小匹4栋2单元102", "B2-2-102")]          // one wrong character in the compound name
    [InlineData("幸福璐12号4栋2单元102室", "B2-2-102")]      // one wrong character in the road
    [InlineData("幸福路21号4栋2单元102室", "B2-2-102")]      // door number digits swapped
    [InlineData("幸福路12号2栋4单元102室", "B2-2-102")]      // building and unit swapped
    [InlineData("幸福路12号4栋2单元120室", "B2-2-102")]      // room digits swapped
    [InlineData("银杏村3组15号附1号", "H1-2")]
    [InlineData("南明区和平镇银杏村3组15号", "H1-1")]
    public void Finds_the_household_first(string query, string household)
    {
        var (index, _) = Small();
        var results = index.Search(query, 5);
        Assert.NotEmpty(results);
        Assert.Equal(household, Household(index, results[0]));
    }

    [Fact]
    public void An_exact_plate_scores_1_and_a_tolerated_one_less()
    {
        var (index, _) = Small();
        Assert.Equal(1.0, index.Search("幸福路12号3栋1单元101室", 1)[0].Score);
        Assert.InRange(index.Search("幸福小匹3栋1单元101室", 1)[0].Score, 0.5, 0.99);
    }

    [Fact]
    public void A_household_is_in_the_grid_of_its_stair_unit_and_its_liaison_unit()
    {
        var (index, grids) = Small();
        var one = index.Search("幸福路12号3栋1单元101室", 1)[0];
        var two = index.Search("幸福路12号3栋2单元101室", 1)[0];
        Assert.Equal(0, grids.GridOf(one));
        Assert.Equal(1, grids.GridOf(two));
        Assert.Equal("520102001001001001", grids.LiaisonUnitOf(one.Household));
        Assert.Null(grids.LiaisonUnitOf(two.Household));
    }

    [Fact]
    public void A_known_building_with_no_household_on_record_answers_its_grid()
    {
        var (index, grids) = Small();
        var m = index.Search("幸福路12号5栋1单元301室", 3);
        Assert.Single(m);
        Assert.Equal(-1, m[0].Household);
        Assert.Equal("B3", index.BuildingId(m[0].Building));
        Assert.Equal(2, grids.GridOf(m[0]));   // by location: B3 is listed by no grid
    }

    [Fact]
    public void A_building_without_room_lists_its_households_up_to_the_limit()
    {
        var (index, _) = Small();
        var m = index.Search("幸福路12号3栋2单元", 10);
        Assert.Equal(new[] { "B1-2-101", "B1-2-102" }, m.Select(x => Household(index, x)!).ToArray());
        Assert.Single(index.Search("幸福路12号3栋", 1));
    }

    [Theory]
    [InlineData("Landstrasse 12 Vaduz")]
    [InlineData("建设路12号3栋1单元101室")]
    public void An_unknown_place_gives_nothing(string query) => Assert.Empty(Small().Index.Search(query, 5));

    [Fact]
    public void Finds_households_by_id()
    {
        var (index, _) = Small();
        Assert.Equal("H1-2", index.HouseholdId(index.FindHousehold("H1-2")).ToString());
        Assert.Equal(-1, index.FindHousehold("nope"));
    }
}

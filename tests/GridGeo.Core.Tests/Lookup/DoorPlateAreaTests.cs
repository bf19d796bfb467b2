using GridGeo.Core.Lookup;

namespace GridGeo.Core.Tests.Lookup;

/// <summary>
/// The door-plate search held to a county or street: two counties (520102, 520103) of one city with the same door
/// plates 幸福路12号3栋{unit}单元{room}室, county 520102 with a second street holding 光明路5号1栋, and one building of no
/// known area.
/// </summary>
public class DoorPlateAreaTests
{
    private const string CountyA = "520102", CountyB = "520103";
    private const string StreetA1 = "520102001", StreetA2 = "520102002", StreetB1 = "520103001";

    private static DoorPlateIndex TwoCounties()
    {
        var b = new DoorPlateIndexBuilder();
        b.AddBuilding("A-B1", "幸福路12号3栋", null, 106.70, 26.50, StreetA1 + "001");
        b.AddBuilding("A-B2", "光明路5号1栋", null, 106.71, 26.50, StreetA2 + "001");
        b.AddBuilding("B-B1", "幸福路12号3栋", null, 106.90, 26.50, StreetB1 + "004");
        b.AddBuilding("X-B1", "和平路8号2栋", null, 107.00, 26.50);
        b.AddBuilding("C-B1", "花溪路1号1栋", null, 106.72, 26.50, CountyA); // outside every community: filed under its county
        foreach (var building in new[] { "A-B1", "B-B1" })
        for (var unit = 1; unit <= 2; unit++)
            b.AddHousehold($"{building}-{unit}01", building, unit, $"{unit}01", $"幸福路12号3栋{unit}单元{unit}01室");
        b.AddHousehold("A-B2-101", "A-B2", 1, "101", "光明路5号1栋1单元101室");
        b.AddHousehold("X-B1-101", "X-B1", 1, "101", "和平路8号2栋1单元101室");
        b.AddHousehold("C-B1-101", "C-B1", 1, "101", "花溪路1号1栋1单元101室");
        return b.Build();
    }

    private static List<string> Households(DoorPlateIndex index, IEnumerable<DoorPlateMatch> matches) =>
        matches.Select(m => index.HouseholdId(m.Household).ToString()).ToList();

    [Fact]
    public void The_same_door_plate_in_two_counties_matches_both_and_is_reported_ambiguous()
    {
        var index = TwoCounties();
        var found = index.Search("幸福路12号3栋2单元201室", 10);
        Assert.Equal(["A-B1-201", "B-B1-201"], Households(index, found).Order());
        Assert.All(found, m => Assert.Equal(DoorPlateIndex.Exact, m.Score));
        Assert.Equal([CountyA, CountyB], index.AmbiguousCounties(found));
    }

    [Theory]
    [InlineData(CountyA, null, "A-B1-201")]
    [InlineData(CountyB, null, "B-B1-201")]
    [InlineData(null, StreetA1, "A-B1-201")]
    [InlineData(CountyB, StreetB1, "B-B1-201")]
    public void A_county_or_street_keeps_the_door_plate_of_that_area_only(string? county, string? street, string household)
    {
        var index = TwoCounties();
        var found = index.Search("幸福路12号3栋2单元201室", 10, new DoorPlateArea(county, street));
        Assert.Equal([household], Households(index, found));
        Assert.Empty(index.AmbiguousCounties(found));
    }

    [Fact]
    public void Within_an_area_the_search_behaves_as_if_the_index_held_only_its_buildings()
    {
        var index = TwoCounties();
        // 光明路 stands in street 520102002 only: another street, or the other county, has no such door plate, misspelt or not.
        Assert.Equal(["A-B2-101"], Households(index, index.Search("光明路5号1栋1单元101室", 10, new DoorPlateArea(CountyA, null))));
        Assert.Empty(index.Search("光明路5号1栋1单元101室", 10, new DoorPlateArea(null, StreetA1)));
        Assert.Empty(index.Search("光明璐5号1栋1单元101室", 10, new DoorPlateArea(CountyB, null)));
        Assert.Equal(["A-B2-101"], Households(index, index.Search("光明璐5号1栋1单元101室", 10, new DoorPlateArea(null, StreetA2))));
    }

    [Fact]
    public void A_building_of_no_known_area_is_found_only_without_an_area_and_one_outside_every_community_by_its_county()
    {
        var index = TwoCounties();
        Assert.Equal(["X-B1-101"], Households(index, index.Search("和平路8号2栋1单元101室", 5)));
        Assert.Empty(index.Search("和平路8号2栋1单元101室", 5, new DoorPlateArea(CountyA, null)));
        Assert.Null(index.CountyOf(index.Search("和平路8号2栋1单元101室", 5)[0]));

        Assert.Equal(["C-B1-101"], Households(index, index.Search("花溪路1号1栋1单元101室", 5, new DoorPlateArea(CountyA, null))));
        Assert.Empty(index.Search("花溪路1号1栋1单元101室", 5, new DoorPlateArea(null, StreetA1)));
    }

    [Fact]
    public void A_door_plate_of_one_county_is_not_ambiguous_and_tolerated_matches_do_not_make_it_so()
    {
        var index = TwoCounties();
        Assert.Empty(index.AmbiguousCounties(index.Search("光明路5号1栋1单元101室", 10)));
        // Only the best-scored matches count: a room with its digits swapped is found in both counties at a lower score,
        // and they are the best, so they are ambiguous too.
        var swapped = index.Search("幸福路12号3栋2单元210室", 10);
        Assert.True(swapped[0].Score < DoorPlateIndex.Exact);
        Assert.Equal([CountyA, CountyB], index.AmbiguousCounties(swapped));
    }

    [Theory]
    [InlineData(null, null, "520102001001", true)]
    [InlineData("520102", null, "520102001001", true)]
    [InlineData("520103", null, "520102001001", false)]
    [InlineData(null, "520102001", "520102001001", true)]
    [InlineData(null, "520102002", "520102001001", false)]
    [InlineData("520102", null, "520102", true)]
    [InlineData(null, "520102001", "520102", false)]
    [InlineData("520102", null, null, false)]
    [InlineData(null, null, null, true)]
    public void An_area_contains_the_codes_that_begin_with_its_county_and_street(string? county, string? street, string? area, bool inside) =>
        Assert.Equal(inside, new DoorPlateArea(county, street).Contains(area));
}

using GridGeo.Core.Geo;
using GridGeo.Core.Model;

namespace GridGeo.Core.Tests.Model;

public class HouseholdExpanderTests
{
    private static Building Tower(int households, int units, int floors) =>
        new("T1", GeoFactory.Wgs84.CreatePoint(new NetTopologySuite.Geometries.Coordinate(106.7, 26.5)), households, units, floors);

    [Theory]
    [InlineData(264, 2, 33)]
    [InlineData(36, 3, 6)]
    [InlineData(7, 3, 4)]
    [InlineData(1, 1, 1)]
    [InlineData(0, 2, 5)]
    [InlineData(101, 4, 9)]
    public void Expands_every_household_once_within_units_and_floors(int households, int units, int floors)
    {
        var rows = HouseholdExpander.Expand(Tower(households, units, floors));

        Assert.Equal(households, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.Equal("T1", r.BuildingId);
            Assert.InRange(r.Unit, 1, units);
            Assert.InRange(r.Floor, 1, floors);
            Assert.StartsWith($"T1-{r.Unit}-{r.Floor}-", r.Id, StringComparison.Ordinal);
            Assert.StartsWith(r.Floor.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Room, StringComparison.Ordinal);
        });
        // Even spread: stair units differ by at most one household, and so do the floors of a stair unit.
        var perUnit = Enumerable.Range(1, units).Select(u => rows.Count(r => r.Unit == u)).ToList();
        Assert.True(perUnit.Max() - perUnit.Min() <= 1);
        foreach (var u in Enumerable.Range(1, units))
        {
            var perFloor = Enumerable.Range(1, floors).Select(f => rows.Count(r => r.Unit == u && r.Floor == f)).ToList();
            Assert.True(perFloor.Max() - perFloor.Min() <= 1);
        }
    }

    [Fact]
    public void A_tower_of_two_stair_units_has_four_flats_a_floor()
    {
        var rows = HouseholdExpander.Expand(Tower(264, 2, 33));
        Assert.All(rows.GroupBy(r => (r.Unit, r.Floor)), g => Assert.Equal(4, g.Count()));
        Assert.Contains(rows, r => r.Id == "T1-2-33-4");
    }

    [Fact]
    public void Bundle_with_households_csv_keeps_its_rows()
    {
        var b = Tower(2, 1, 1);
        var given = new List<Household> { new("x", "T1", 1, 1, "1", 1, 2, "a"), new("y", "T1", 1, 1, "2", 1, 2, "b") };
        var bundle = new DistrictBundle([], [b], given);
        Assert.Same(given, HouseholdExpander.HouseholdsOf(bundle));
        Assert.Equal(2, HouseholdExpander.HouseholdsOf(bundle with { Households = null }).Count);
    }
}

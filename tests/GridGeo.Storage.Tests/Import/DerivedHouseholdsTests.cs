using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Storage.Import;
using NetTopologySuite.Geometries;

namespace GridGeo.Storage.Tests.Import;

public sealed class DerivedHouseholdsTests
{
    private static Building Tower(int households, int units, int floors) =>
        new("T", GeoFactory.Wgs84.CreatePoint(new Coordinate(116, 39)), households, units, floors, Address: "和平街1号");

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 3, 5)]
    [InlineData(264, 2, 11)]
    [InlineData(37, 4, 6)]
    public void Every_household_is_made_once_and_units_and_floors_are_even(int households, int units, int floors)
    {
        var rows = DerivedHouseholds.For([Tower(households, units, floors)]).ToList();
        Assert.Equal(households, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        Assert.All(rows, r => Assert.InRange(r.Unit, 1, units));
        Assert.All(rows, r => Assert.InRange(r.Floor, 1, floors));
        var perUnit = Enumerable.Range(1, units).Select(u => rows.Count(r => r.Unit == u)).ToList();
        Assert.True(perUnit.Max() - perUnit.Min() <= 1, $"units hold {string.Join(",", perUnit)}");
    }

    [Fact]
    public void Ids_rooms_and_addresses_follow_the_documented_form()
    {
        var first = DerivedHouseholds.For([Tower(5, 2, 2)]).First();
        Assert.Equal("T-1-1-1", first.Id);
        Assert.Equal("101", first.Room);
        Assert.Equal("和平街1号1单元101室", first.Address);
        Assert.Equal("T", first.BuildingId);
    }
}

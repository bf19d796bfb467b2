using GridGeo.Core.Lookup;
using GridGeo.Core.Model;
using NetTopologySuite.IO;

namespace GridGeo.Core.Tests.Lookup;

public class LiaisonUnitLocatorTests
{
    private static readonly WKTReader Wkt = new();
    private const string Grid = "520102001001001";

    private static LiaisonUnit Unit(string suffix, string? wkt, string grid = Grid) =>
        new(grid + suffix, grid, 30, [], wkt is null ? null : Wkt.Read(wkt));

    private static readonly LiaisonUnit West = Unit("002", "POLYGON ((106 26, 106.001 26, 106.001 26.001, 106 26.001, 106 26))");
    private static readonly LiaisonUnit East = Unit("001", "POLYGON ((106.001 26, 106.002 26, 106.002 26.001, 106.001 26.001, 106.001 26))");

    [Fact]
    public void The_unit_whose_outline_covers_the_point_answers()
    {
        var locator = LiaisonUnitLocator.Build([West, East]);
        Assert.Equal(West.Code, locator.Locate(Grid, 106.0005, 26.0005)?.Code);
        Assert.Equal(East.Code, locator.Locate(Grid, 106.0015, 26.0005)?.Code);
    }

    [Fact]
    public void On_a_shared_edge_the_lowest_code_answers()
    {
        var locator = LiaisonUnitLocator.Build([West, East]);
        Assert.Equal(East.Code, locator.Locate(Grid, 106.001, 26.0005)?.Code);
    }

    [Fact]
    public void A_point_outside_every_outline_gets_the_nearest_unit_of_its_grid()
    {
        var locator = LiaisonUnitLocator.Build([West, East]);
        Assert.Equal(West.Code, locator.Locate(Grid, 105.9995, 26.0005)?.Code);
        Assert.Equal(East.Code, locator.Locate(Grid, 106.0030, 26.0005)?.Code);
    }

    [Fact]
    public void Units_of_other_grids_and_units_without_outline_are_never_answered()
    {
        var other = Unit("001", "POLYGON ((106 26, 106.002 26, 106.002 26.001, 106 26.001, 106 26))", grid: "520102001001002");
        var locator = LiaisonUnitLocator.Build([other, Unit("003", null)]);
        Assert.Null(locator.Locate(Grid, 106.0005, 26.0005));
        Assert.Equal(other.Code, locator.Locate(other.GridCode, 106.0005, 26.0005)?.Code);
        Assert.Equal(1, locator.Count);
    }
}

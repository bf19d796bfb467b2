using GridGeo.Core.Geo;

namespace GridGeo.Core.Tests.Geo;

public class CoordinateSystemsTests
{
    [Theory]
    [InlineData("wgs84", CoordinateSystem.Wgs84)]
    [InlineData("WGS84", CoordinateSystem.Wgs84)]
    [InlineData("EPSG:4326", CoordinateSystem.Wgs84)]
    [InlineData("cgcs2000", CoordinateSystem.Cgcs2000)]
    [InlineData("EPSG:4490", CoordinateSystem.Cgcs2000)]
    [InlineData("gcj02", CoordinateSystem.Gcj02)]
    [InlineData("GCJ-02", CoordinateSystem.Gcj02)]
    [InlineData("bd09", CoordinateSystem.Bd09)]
    [InlineData(null, CoordinateSystem.Wgs84)]
    [InlineData("", CoordinateSystem.Wgs84)]
    public void Parse_accepts_the_contract_names(string? value, CoordinateSystem expected)
    {
        Assert.Equal(expected, CoordinateSystems.Parse(value, "crs"));
    }

    [Fact]
    public void Every_name_parses_back_to_its_system()
    {
        foreach (var system in Enum.GetValues<CoordinateSystem>())
            Assert.Equal(system, CoordinateSystems.Parse(CoordinateSystems.NameOf(system), "crs"));
    }

    [Fact]
    public void An_unknown_name_is_bad_input_naming_the_value_and_the_allowed_list()
    {
        var ex = Assert.Throws<BadInputException>(() => CoordinateSystems.Parse("mars", "--crs"));
        Assert.Equal("--crs", ex.InputName);
        Assert.Contains("mars", ex.Message);
        foreach (var name in CoordinateSystems.Names) Assert.Contains(name, ex.Message);
    }
}

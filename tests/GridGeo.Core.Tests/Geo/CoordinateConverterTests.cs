using GridGeo.Core.Geo;

namespace GridGeo.Core.Tests.Geo;

public class CoordinateConverterTests
{
    [Theory]
    [InlineData(CoordinateSystem.Wgs84)]
    [InlineData(CoordinateSystem.Cgcs2000)]
    [InlineData(CoordinateSystem.Gcj02)]
    [InlineData(CoordinateSystem.Bd09)]
    public void FromWgs84_then_ToWgs84_returns_the_point(CoordinateSystem system)
    {
        var shown = CoordinateConverter.FromWgs84(106.63, 26.65, system);
        var back = CoordinateConverter.ToWgs84(shown.Lon, shown.Lat, system);
        Assert.True(GeoDistance.Metres(106.63, 26.65, back.Lon, back.Lat) < 0.5);
    }

    [Fact]
    public void Wgs84_and_Cgcs2000_are_taken_as_is()
    {
        Assert.Equal(new LonLat(106.63, 26.65), CoordinateConverter.ToWgs84(106.63, 26.65, CoordinateSystem.Wgs84));
        Assert.Equal(new LonLat(106.63, 26.65), CoordinateConverter.ToWgs84(106.63, 26.65, CoordinateSystem.Cgcs2000));
    }

    [Fact]
    public void Baidu_point_lands_on_the_Gcj02_point_of_the_same_place()
    {
        var w = new LonLat(116.404, 39.915);
        var g = ChinaOffset.Wgs84ToGcj02(w.Lon, w.Lat);
        var b = ChinaOffset.Gcj02ToBd09(g.Lon, g.Lat);
        var fromG = CoordinateConverter.ToWgs84(g.Lon, g.Lat, CoordinateSystem.Gcj02);
        var fromB = CoordinateConverter.ToWgs84(b.Lon, b.Lat, CoordinateSystem.Bd09);
        Assert.True(GeoDistance.Metres(fromG.Lon, fromG.Lat, fromB.Lon, fromB.Lat) < 0.5);
    }
}

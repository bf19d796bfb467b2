using GridGeo.Core.Geo;

namespace GridGeo.Core.Tests.Geo;

public class ChinaOffsetTests
{
    // Published pairs, as (lon, lat):
    //  - eviltransform, go/transform_test.go (github.com/googollee/eviltransform): WGS84 → GCJ-02 for Shanghai,
    //    Shenzhen and Beijing; the library's own test compares them to 5 decimals.
    //  - coordtransform, test/app.js (github.com/wandergis/coordtransform): the four conversions of (116.404, 39.915).
    //  - gcoord, test/unit/crs/GCJ02.spec.ts and BD09.spec.ts (github.com/hujiulong/gcoord): conversions of (123, 45),
    //    checked there to 5 decimals.
    public static TheoryData<double, double, double, double> WgsToGcj => new()
    {
        { 121.5272106, 31.1774276, 121.531541859215, 31.17530398364597 },     // eviltransform, Shanghai
        { 113.912316, 22.543847, 113.9171764808363, 22.540796131694766 },     // eviltransform, Shenzhen
        { 116.377817, 39.911954, 116.38404722455657, 39.91334545536069 },     // eviltransform, Beijing
        { 116.404, 39.915, 116.41024449916938, 39.91640428150164 },           // coordtransform
    };

    [Theory]
    [MemberData(nameof(WgsToGcj))]
    public void Wgs84ToGcj02_matches_published_pairs(double wLon, double wLat, double gLon, double gLat)
    {
        var g = ChinaOffset.Wgs84ToGcj02(wLon, wLat);
        Assert.Equal(gLon, g.Lon, 1e-9);
        Assert.Equal(gLat, g.Lat, 1e-9);
    }

    [Theory]
    [MemberData(nameof(WgsToGcj))]
    public void Gcj02ToWgs84_recovers_published_pairs_within_half_a_metre(double wLon, double wLat, double gLon, double gLat)
    {
        var w = ChinaOffset.Gcj02ToWgs84(gLon, gLat);
        Assert.True(GeoDistance.Metres(w.Lon, w.Lat, wLon, wLat) < 0.5);
    }

    [Fact]
    public void Gcj02ToBd09_matches_coordtransform_and_gcoord()
    {
        var a = ChinaOffset.Gcj02ToBd09(116.404, 39.915);
        Assert.Equal(116.41036949371029, a.Lon, 1e-9);
        Assert.Equal(39.92133699351021, a.Lat, 1e-9);
        var b = ChinaOffset.Gcj02ToBd09(123, 45);
        Assert.Equal(123.00636499, b.Lon, 5e-6);
        Assert.Equal(45.00636899, b.Lat, 5e-6);
    }

    // WGS84 → BD-09 pairs: coordtransform's README (wgs84_to_bd09 of (116.404, 39.915)) and hutool's
    // CoordinateUtilTest (github.com/dromara/hutool, checked there against tool.lu/coordinate).
    public static TheoryData<double, double, double, double> WgsToBd => new()
    {
        { 116.404, 39.915, 116.41662724378733, 39.922699552216216 },            // coordtransform
        { 122.99395597, 44.99804071, 123.00636516028885, 45.0063690918959 },   // hutool / tool.lu
    };

    [Theory]
    [MemberData(nameof(WgsToBd))]
    public void Wgs84ToBd09_matches_published_pairs(double wLon, double wLat, double bLon, double bLat)
    {
        var b = ChinaOffset.Wgs84ToBd09(wLon, wLat);
        Assert.Equal(bLon, b.Lon, 1e-9);
        Assert.Equal(bLat, b.Lat, 1e-9);
    }

    [Theory]
    [MemberData(nameof(WgsToBd))]
    public void Bd09ToWgs84_recovers_published_pairs_within_half_a_metre(double wLon, double wLat, double bLon, double bLat)
    {
        var w = ChinaOffset.Bd09ToWgs84(bLon, bLat);
        var error = GeoDistance.Metres(w.Lon, w.Lat, wLon, wLat);
        Assert.True(error < 0.5, $"BD-09 ({bLon}, {bLat}) came back {error} m from the published WGS84 point");
    }

    [Fact]
    public void Bd09ToGcj02_agrees_with_the_published_approximate_inverse_to_a_metre()
    {
        // coordtransform and gcoord publish the one-step approximate inverse; ours iterates on it, so the two
        // agree to the approximation's own error (under a metre), not to the last digit.
        var a = ChinaOffset.Bd09ToGcj02(116.404, 39.915);
        Assert.True(GeoDistance.Metres(a.Lon, a.Lat, 116.39762729119315, 39.90865673957631) < 1.0);
        var b = ChinaOffset.Bd09ToGcj02(123, 45);
        Assert.True(GeoDistance.Metres(b.Lon, b.Lat, 122.99363304, 44.99365430) < 1.0);
    }

    [Fact]
    public void Inverse_conversions_match_gcoord()
    {
        // gcoord's inverses are iterative too: the two agree to centimetres, well inside the 0.5 m the issue allows.
        var w = ChinaOffset.Gcj02ToWgs84(123, 45);
        Assert.True(GeoDistance.Metres(w.Lon, w.Lat, 122.99395597, 44.99804071) < 0.5);
        var bw = ChinaOffset.Bd09ToWgs84(123, 45);
        Assert.True(GeoDistance.Metres(bw.Lon, bw.Lat, 122.98762210, 44.99171540) < 0.5);
    }

    [Fact]
    public void Round_trips_across_China_stay_under_half_a_metre()
    {
        var worstGcj = 0.0;
        var worstBd = 0.0;
        for (var lon = 74.0; lon <= 135.0; lon += 0.73)
        for (var lat = 4.0; lat <= 53.5; lat += 0.61)
        {
            var g = ChinaOffset.Wgs84ToGcj02(lon, lat);
            var back = ChinaOffset.Gcj02ToWgs84(g.Lon, g.Lat);
            worstGcj = Math.Max(worstGcj, GeoDistance.Metres(lon, lat, back.Lon, back.Lat));

            var b = ChinaOffset.Wgs84ToBd09(lon, lat);
            var backB = ChinaOffset.Bd09ToWgs84(b.Lon, b.Lat);
            worstBd = Math.Max(worstBd, GeoDistance.Metres(lon, lat, backB.Lon, backB.Lat));
        }
        Assert.True(worstGcj < 0.5, $"worst GCJ-02 round trip {worstGcj} m");
        Assert.True(worstBd < 0.5, $"worst BD-09 round trip {worstBd} m");
    }

    [Fact]
    public void The_offset_is_hundreds_of_metres_inside_China()
    {
        var g = ChinaOffset.Wgs84ToGcj02(116.404, 39.915);
        var d = GeoDistance.Metres(116.404, 39.915, g.Lon, g.Lat);
        Assert.InRange(d, 100, 1000);
    }

    [Theory]
    [InlineData(9.52, 47.14)]    // Vaduz
    [InlineData(139.69, 35.69)]  // Tokyo
    [InlineData(-74.0, 40.7)]    // New York
    [InlineData(183, 45)]        // gcoord's "not in China" case
    public void Points_outside_China_are_not_offset(double lon, double lat)
    {
        Assert.True(ChinaOffset.IsOutsideChina(lon, lat));
        Assert.Equal(new LonLat(lon, lat), ChinaOffset.Wgs84ToGcj02(lon, lat));
        Assert.Equal(new LonLat(lon, lat), ChinaOffset.Gcj02ToWgs84(lon, lat));
    }
}

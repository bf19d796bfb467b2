using GridGeo.Rendering.Map;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace GridGeo.Rendering.Tests.Map;

public class ConformalFrameTests
{
    private const double SemiMajor = 6378137.0;
    private const double E2 = 0.00669437999014;

    [Theory]
    [InlineData(27.7)]
    [InlineData(45.0)]
    [InlineData(22.5)]
    public void Shapes_are_not_stretched_a_metre_east_is_as_long_as_a_metre_north(double lat)
    {
        // A 2 km box around lat; probe at its centre and near its north edge.
        var extent = new Envelope(106.9, 106.92, lat - 0.009, lat + 0.009);
        var frame = ConformalFrame.Fit(extent, new SKRect(0, 0, 800, 600));
        foreach (var φ in new[] { lat, lat + 0.008 })
        {
            const double d = 1e-5;
            var rad = φ * Math.PI / 180;
            var sin2 = Math.Sin(rad) * Math.Sin(rad);
            var n = SemiMajor / Math.Sqrt(1 - E2 * sin2);
            var m = SemiMajor * (1 - E2) / Math.Pow(1 - E2 * sin2, 1.5);
            var east = n * Math.Cos(rad) * d * Math.PI / 180; // ground metres of d degrees of longitude
            var north = m * d * Math.PI / 180;                 // and of latitude
            var o = frame.ToPage(106.91, φ);
            var ex = frame.ToPage(106.91 + d, φ);
            var nx = frame.ToPage(106.91, φ + d);
            var scaleEast = (ex.X - o.X) / east;
            var scaleNorth = (o.Y - nx.Y) / north;
            Assert.Equal(1, scaleEast / scaleNorth, 3);
        }
    }

    [Fact]
    public void Scale_is_true_at_the_centre_and_the_extent_fits_the_target()
    {
        var extent = new Envelope(106.90, 106.93, 27.69, 27.71);
        var target = new SKRect(30, 130, 565, 480);
        var frame = ConformalFrame.Fit(extent, target, marginFraction: 0.05);
        foreach (var (lon, lat) in new[] { (extent.MinX, extent.MinY), (extent.MaxX, extent.MaxY), (extent.MinX, extent.MaxY), (extent.MaxX, extent.MinY) })
            Assert.True(target.Contains(frame.ToPage(lon, lat)));
        // 0.01° of longitude at 27.7° N is N(φ)·cos φ·0.01·π/180 = 986.33 m on the WGS84 ellipsoid.
        var a = frame.ToPage(106.91, 27.70);
        var b = frame.ToPage(106.92, 27.70);
        Assert.InRange((b.X - a.X) / frame.PointsPerMetre, 986.2, 986.45);
        Assert.Equal(1 / (frame.PointsPerMetre * ConformalFrame.MetresPerPoint), frame.ScaleDenominator, 6);
    }

    [Fact]
    public void Page_points_map_back_to_their_lon_lat()
    {
        var frame = ConformalFrame.Fit(new Envelope(106.9, 106.95, 27.68, 27.72), new SKRect(0, 0, 1000, 700));
        var p = frame.ToPage(106.9321, 27.7012);
        var (lon, lat) = frame.ToLonLat(p.X, p.Y);
        Assert.Equal(106.9321, lon, 6);
        Assert.Equal(27.7012, lat, 6);
        var visible = frame.VisibleExtent();
        Assert.True(visible.Contains(new Envelope(106.9, 106.95, 27.68, 27.72)));
    }
}

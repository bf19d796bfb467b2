using GridGeo.Core.Geo;
using GridGeo.Core.Geo.Crs;

namespace GridGeo.Core.Tests.Geo.Crs;

public class CrsTransformTests
{
    // Expected eastings/northings from PROJ 9 (cs2cs, +proj=tmerc with the EPSG parameters of each code, GRS80 ellipsoid):
    // an independent implementation of the same projection.
    public static TheoryData<int, double, double, double, double> ProjPairs => new()
    {
        { 4545, 108.5, 27.7, 549316.8231, 3065296.6648 },
        { 4545, 106.92, 27.70, 393472.8274, 3065663.3710 },
        { 4502, 75.2, 40.0, 517078.7775, 4429548.1906 },
        { 4533, 135.9, 47.5, 45567808.9714, 5263227.5345 },
        { 4527, 117.0, 31.0, 39500000.0000, 3430974.3234 },
        { 4526, 114.0, 22.5, 38500000.0000, 2489167.3111 },
        { 4549, 120.9, 30.1, 586752.2431, 3331540.4488 },
        { 4499, 123.3, 41.8, 21524932.9194, 4629466.1186 },
        { 4512, 133.2, 18.3, 309670.6728, 2025125.5256 },
    };

    [Theory]
    [MemberData(nameof(ProjPairs))]
    public void Forward_and_inverse_match_PROJ_within_a_millimetre(int epsg, double lon, double lat, double easting, double northing)
    {
        var system = ReferenceSystems.Find(epsg)!;
        var (x, y) = CrsTransform.FromLonLat(system).Apply(lon, lat);
        Assert.Equal(easting, x, 0.001);
        Assert.Equal(northing, y, 0.001);
        var (lon2, lat2) = CrsTransform.ToLonLat(system).Apply(easting, northing);
        Assert.True(GeoDistance.Metres(lon, lat, lon2, lat2) < 0.001, $"{system}: inverse is {GeoDistance.Metres(lon, lat, lon2, lat2)} m off");
    }

    [Fact]
    public void Every_zone_round_trips_lon_lat_within_a_centimetre_across_its_band()
    {
        var random = new Random(4545);
        var worst = 0.0;
        foreach (var system in ReferenceSystems.All.Where(s => !s.IsGeographic))
        {
            var forward = CrsTransform.FromLonLat(system);
            var inverse = CrsTransform.ToLonLat(system);
            for (var i = 0; i < 200; i++)
            {
                // Anywhere in the zone's band (±1.5° or ±3° of its meridian), from Hainan to Heilongjiang.
                var lon = system.CentralMeridian!.Value + (random.NextDouble() - 0.5) * system.ZoneWidth;
                var lat = 18 + random.NextDouble() * 36;
                var (x, y) = forward.Apply(lon, lat);
                var (lon2, lat2) = inverse.Apply(x, y);
                var error = GeoDistance.Metres(lon, lat, lon2, lat2);
                worst = Math.Max(worst, error);
                Assert.True(error < 0.01, $"{system} at ({lon}, {lat}): round trip is {error} m off");
            }
        }
        Assert.True(worst < 0.01);
    }

    [Fact]
    public void Zone_numbered_codes_lead_the_easting_with_the_zone()
    {
        var (x, _) = CrsTransform.FromLonLat(ReferenceSystems.Find(4524)!).Apply(108, 30); // 3° zone 36, CM 108
        Assert.Equal(36_500_000, x, 0.001);
        var (x6, _) = CrsTransform.FromLonLat(ReferenceSystems.Find(4496)!).Apply(105, 30); // 6° zone 18, CM 105
        Assert.Equal(18_500_000, x6, 0.001);
    }

    [Fact]
    public void Geometries_convert_vertex_by_vertex_and_carry_the_target_srid()
    {
        var square = GeoFactory.Wgs84.CreatePolygon([new(108, 30), new(108.01, 30), new(108.01, 30.01), new(108, 30.01), new(108, 30)]);
        var gk = CrsTransform.FromLonLat(ReferenceSystems.Find(4545)!).Apply(square);
        Assert.Equal(4545, gk.SRID);
        Assert.InRange(gk.Area, 0.99e6, 1.2e6); // about 963 m × 1109 m
        var back = CrsTransform.ToLonLat(ReferenceSystems.Find(4545)!).Apply(gk);
        Assert.Equal(GeoFactory.Wgs84Srid, back.SRID);
        for (var i = 0; i < square.NumPoints; i++)
            Assert.True(GeoDistance.Metres(square.Coordinates[i].X, square.Coordinates[i].Y, back.Coordinates[i].X, back.Coordinates[i].Y) < 0.001);
        Assert.Same(square, CrsTransform.ToLonLat(ReferenceSystems.Cgcs2000).Apply(square));
    }
}

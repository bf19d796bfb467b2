using GridGeo.Core;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.IO.Plans;
using NetTopologySuite.IO;

namespace GridGeo.IO.Tests.Plans;

public class LiaisonUnitFileTests
{
    private static readonly WKTReader Wkt = new(GeoFactory.Wgs84.GeometryServices);

    [Fact]
    public void Writes_and_reads_back_codes_members_and_outline()
    {
        var units = new List<LiaisonUnit>
        {
            new("520321001001001001", "520321001001001", 2, ["B1-1-1-1", "B1-1-1-2"], Wkt.Read("POLYGON ((106.7 26.5, 106.701 26.5, 106.701 26.501, 106.7 26.501, 106.7 26.5))")),
            new("520321001001001002", "520321001001001", 1, ["房-1"], Wkt.Read("MULTIPOLYGON (((106.7 26.5, 106.7001 26.5, 106.7001 26.5001, 106.7 26.5)), ((106.71 26.5, 106.7101 26.5, 106.7101 26.5001, 106.71 26.5)))")),
        };
        var path = Path.Combine(Path.GetTempPath(), $"liaison-{Guid.NewGuid():N}.geojson");
        try
        {
            LiaisonUnitFile.Write(path, units);
            var back = LiaisonUnitFile.Read(path);

            Assert.Equal(units.Select(u => (u.Code, u.GridCode, u.Households, string.Join("|", u.Members))),
                back.Select(u => (u.Code, u.GridCode, u.Households, string.Join("|", u.Members))));
            Assert.All(back.Zip(units), p => Assert.True(p.First.Boundary!.EqualsExact(p.Second.Boundary!, 1e-7)));
            Assert.Contains("\"members\":[\"房-1\"]", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_code_that_is_not_its_grid_code_plus_three_digits_is_bad_input()
    {
        var path = Path.Combine(Path.GetTempPath(), $"liaison-{Guid.NewGuid():N}.geojson");
        try
        {
            File.WriteAllText(path, """
                {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},
                 "properties":{"code":"520321001001002001","grid_code":"520321001001001","households":0,"members":[]}}]}
                """);
            var ex = Assert.Throws<BadInputException>(() => LiaisonUnitFile.Read(path));
            Assert.Contains("grid code", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

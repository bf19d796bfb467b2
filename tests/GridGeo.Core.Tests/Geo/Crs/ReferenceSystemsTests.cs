using GridGeo.Core.Geo.Crs;

namespace GridGeo.Core.Tests.Geo.Crs;

public class ReferenceSystemsTests
{
    [Fact]
    public void The_catalogue_holds_every_CGCS2000_Gauss_Kruger_code_and_the_two_lon_lat_systems()
    {
        var codes = ReferenceSystems.All.Select(s => s.Epsg).ToList();
        Assert.Equal([4326, .. Enumerable.Range(4490, 65)], codes);
        Assert.Equal(108, ReferenceSystems.Find(4545)!.CentralMeridian);
        Assert.Equal(500_000, ReferenceSystems.Find(4545)!.FalseEasting);
        Assert.Equal((75, 13_500_000.0), (ReferenceSystems.Find(4491)!.CentralMeridian!.Value, ReferenceSystems.Find(4491)!.FalseEasting));
        Assert.Equal((135, 45_500_000.0), (ReferenceSystems.Find(4533)!.CentralMeridian!.Value, ReferenceSystems.Find(4533)!.FalseEasting));
        Assert.Equal(6, ReferenceSystems.Find(4512)!.ZoneWidth);
        Assert.Equal(3, ReferenceSystems.Find(4554)!.ZoneWidth);
    }

    [Theory]
    [InlineData("EPSG:4545", 4545)]
    [InlineData("epsg:4490", 4490)]
    [InlineData(" 4326 ", 4326)]
    [InlineData("cgcs2000", 4490)]
    public void Parse_reads_codes(string text, int epsg) => Assert.Equal(epsg, ReferenceSystems.Parse(text, "--crs").Epsg);

    [Theory]
    [InlineData("EPSG:3857")]
    [InlineData("EPSG:4555")]
    [InlineData("gcj02")]
    public void Parse_refuses_other_systems_naming_the_option(string text)
    {
        var ex = Assert.Throws<BadInputException>(() => ReferenceSystems.Parse(text, "--crs"));
        Assert.Equal("--crs", ex.InputName);
        Assert.Contains("EPSG:4491–4554", ex.Rule);
    }

    [Fact]
    public void Every_system_identifies_itself_from_its_own_OGC_and_Esri_WKT()
    {
        foreach (var system in ReferenceSystems.All)
        {
            Assert.Equal(system.Epsg, ReferenceSystems.Identify(system.Wkt, "x.prj").Epsg);
            Assert.Equal(system.Epsg, ReferenceSystems.Identify(system.EsriWkt, "x.prj").Epsg);
        }
    }

    [Fact]
    public void Identify_reads_the_prj_GDAL_writes_for_EPSG_4545()
    {
        const string prj = "PROJCS[\"CGCS2000_3_Degree_GK_CM_108E\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\"," +
                           "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]," +
                           "PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0]," +
                           "PARAMETER[\"Central_Meridian\",108.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
        Assert.Equal(4545, ReferenceSystems.Identify(prj, "buildings.prj").Epsg);
    }

    [Fact]
    public void Identify_refuses_Xian_1980_naming_the_datum_shift()
    {
        const string xian = "PROJCS[\"Xian_1980_3_Degree_GK_CM_108E\",GEOGCS[\"GCS_Xian_1980\",DATUM[\"D_Xian_1980\",SPHEROID[\"Xian_1980\",6378140.0,298.257]]," +
                            "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0]," +
                            "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",108.0],PARAMETER[\"Scale_Factor\",1.0]," +
                            "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
        var ex = Assert.Throws<BadInputException>(() => ReferenceSystems.Identify(xian, "buildings.prj"));
        Assert.Equal("buildings.prj", ex.InputName);
        Assert.Contains("Xian 1980", ex.Rule);
    }

    [Fact]
    public void Identify_refuses_a_UTM_zone()
    {
        const string utm = "PROJCS[\"WGS 84 / UTM zone 49N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]]," +
                           "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0]," +
                           "PARAMETER[\"central_meridian\",111],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000]," +
                           "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";
        var ex = Assert.Throws<BadInputException>(() => ReferenceSystems.Identify(utm, "roads.prj"));
        Assert.Contains("scale 0.9996", ex.Rule);
    }
}

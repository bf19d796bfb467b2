using System.Globalization;
using System.Text;
using GridGeo.Core;
using GridGeo.Core.Geo.Crs;
using GridGeo.Core.Model;
using GridGeo.IO.Bundles;
using GridGeo.IO.Tests.Bundles;

namespace GridGeo.IO.Tests.Layers;

/// <summary>The same small bundle as shapefiles and as a GeoPackage, made by ogr2ogr, reads as it does from GeoJSON.</summary>
public class FormatBundleTests
{
    // A shapefile holds one geometry type: building B3 is a point here, not a footprint.
    private static TestBundle Source() => new TestBundle()
        .Write("buildings.geojson", TestBundle.Buildings.Replace(
            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[106.9150,27.7080],[106.9152,27.7080],[106.9152,27.7082],[106.9150,27.7082],[106.9150,27.7080]]]}",
            "\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.9151,27.7081]}"))
        .Write("compounds.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":"C1","name":"阳光小区","community_code":null},
              "geometry":{"type":"Polygon","coordinates":[[[106.901,27.701],[106.909,27.701],[106.909,27.709],[106.901,27.709],[106.901,27.701]]]}}]}
            """)
        .Write("households.csv", TestBundle.Households);

    private static void AssertSame(DistrictBundle expected, DistrictBundle actual)
    {
        Assert.Equal(expected.Communities.Select(c => (c.Code, c.Name, c.StreetCode)), actual.Communities.Select(c => (c.Code, c.Name, c.StreetCode)));
        for (var i = 0; i < expected.Communities.Count; i++)
            Assert.True(expected.Communities[i].Boundary.SymmetricDifference(actual.Communities[i].Boundary).Area < 1e-14, "community outline moved");
        Assert.Equal(expected.Buildings.Select(b => (b.Id, b.Households, b.Units, b.Floors, b.CommunityCode, b.CompoundId, b.DedicatedId)),
            actual.Buildings.Select(b => (b.Id, b.Households, b.Units, b.Floors, b.CommunityCode, b.CompoundId, b.DedicatedId)));
        for (var i = 0; i < expected.Buildings.Count; i++)
            Assert.True(expected.Buildings[i].Location.Distance(actual.Buildings[i].Location) < 1e-7, "building moved by more than 1 cm");
        Assert.Equal(expected.DedicatedList.Select(d => (d.Id, d.Kind, d.Name)), actual.DedicatedList.Select(d => (d.Id, d.Kind, d.Name)));
        Assert.Equal(expected.CompoundList.Select(c => (c.Id, c.Name, c.CommunityCode)), actual.CompoundList.Select(c => (c.Id, c.Name, c.CommunityCode)));
        Assert.Equal(expected.Households!.Select(h => (h.Id, h.BuildingId, h.Address)), actual.Households!.Select(h => (h.Id, h.BuildingId, h.Address)));
    }

    [Theory]
    [InlineData(4545, "UTF-8")]
    [InlineData(4545, "CP936")]
    [InlineData(4524, "UTF-8")]  // 3° zone 36: the zone number leads the easting
    [InlineData(4490, "CP936")]
    public void Shapefiles_in_a_Gauss_Kruger_zone_or_CGCS2000_read_as_the_GeoJSON_does(int epsg, string encoding)
    {
        using var t = Source();
        var dir = Gdal.ToShapefiles(t.Dir, epsg, encoding);
        try { AssertSame(BundleReader.Read(t.Dir), BundleReader.Read(dir)); }
        finally { Gdal.Delete(dir); }
    }

    [Fact]
    public void A_GeoPackage_reads_as_the_GeoJSON_does()
    {
        using var t = Source();
        var dir = Gdal.ToGeoPackage(t.Dir, 4490);
        try { AssertSame(BundleReader.Read(t.Dir), BundleReader.Read(dir)); }
        finally { Gdal.Delete(dir); }
    }

    [Fact]
    public void GBK_text_without_a_cpg_or_language_driver_is_detected()
    {
        using var t = Source();
        var dir = Gdal.ToShapefiles(t.Dir, 4545, "CP936");
        try
        {
            File.Delete(Path.Combine(dir, "communities.cpg"));
            using (var dbf = File.Open(Path.Combine(dir, "communities.dbf"), FileMode.Open))
            {
                dbf.Position = 29;
                dbf.WriteByte(0); // no language driver either
            }
            Assert.Equal(["幸福社区", "和平社区"], BundleReader.Read(dir).Communities.Select(c => c.Name));
        }
        finally { Gdal.Delete(dir); }
    }

    [Fact]
    public void Households_may_carry_x_y_in_the_buildings_system()
    {
        using var t = Source();
        var dir = Gdal.ToShapefiles(t.Dir, 4545);
        try
        {
            var (x, y) = CrsTransform.FromLonLat(ReferenceSystems.Find(4545)!).Apply(106.915, 27.705);
            File.WriteAllText(Path.Combine(dir, "households.csv"),
                $"id,building_id,unit,floor,room,x,y,address\nH1,B2,1,1,101,{x.ToString(CultureInfo.InvariantCulture)},{y.ToString(CultureInfo.InvariantCulture)},幸福路\nH2,B2,1,2,201,,,\n");
            var h1 = BundleReader.Read(dir).Households!.Single(h => h.Id == "H1");
            Assert.Equal(106.915, h1.Lon, 1e-8);
            Assert.Equal(27.705, h1.Lat, 1e-8);

            // Northing first: the point lands far outside zone CM 108E, and the error says why.
            File.WriteAllText(Path.Combine(dir, "households.csv"),
                $"id,building_id,unit,floor,room,x,y,address\nH1,B2,1,1,101,{y.ToString(CultureInfo.InvariantCulture)},{x.ToString(CultureInfo.InvariantCulture)},\n");
            var ex = Assert.Throws<BadInputException>(() => BundleReader.Read(dir));
            Assert.Equal(("households.csv", "line 2"), (ex.InputName, ex.Item));
            Assert.Contains("easting", ex.Rule);
        }
        finally { Gdal.Delete(dir); }
    }

    [Fact]
    public void A_projected_layer_without_a_prj_is_refused_naming_it_unless_crs_is_given()
    {
        using var t = Source();
        var dir = Gdal.ToShapefiles(t.Dir, 4545);
        try
        {
            File.Delete(Path.Combine(dir, "buildings.prj"));
            var ex = Assert.Throws<BadInputException>(() => BundleReader.Read(dir));
            Assert.Equal("buildings.shp", ex.InputName);
            Assert.Contains("not lon/lat", ex.Rule);
            Assert.Contains("--crs", ex.Rule);
            AssertSame(BundleReader.Read(t.Dir), BundleReader.Read(dir, ReferenceSystems.Find(4545)));

            var conflict = Assert.Throws<BadInputException>(() => BundleReader.Read(dir, ReferenceSystems.Find(4546)));
            Assert.Equal("communities.shp", conflict.InputName);
            Assert.Contains("EPSG:4545", conflict.Rule);
            Assert.Contains("EPSG:4546", conflict.Rule);
        }
        finally { Gdal.Delete(dir); }
    }

    [Fact]
    public void GeoJSON_in_projected_coordinates_reads_with_crs()
    {
        using var t = Source();
        var dir = Directory.CreateTempSubdirectory("gridgeo-gk-json-").FullName;
        try
        {
            foreach (var layer in Gdal.Layers(t.Dir))
                Gdal.Run("ogr2ogr", "-t_srs", "EPSG:4545", "-lco", "RFC7946=NO", "-lco", "WRITE_NAME=NO", Path.Combine(dir, layer + ".geojson"), Path.Combine(t.Dir, layer + ".geojson"));
            File.Copy(Path.Combine(t.Dir, "households.csv"), Path.Combine(dir, "households.csv"));
            var ex = Assert.Throws<BadInputException>(() => BundleReader.Read(dir));
            Assert.Contains("lon/lat range", ex.Rule);
            AssertSame(BundleReader.Read(t.Dir), BundleReader.Read(dir, ReferenceSystems.Parse("EPSG:4545", "--crs")));
        }
        finally { Gdal.Delete(dir); }
    }

    [Fact]
    public void A_layer_given_twice_is_refused()
    {
        using var t = Source();
        var dir = Gdal.ToShapefiles(t.Dir, 4545);
        try
        {
            File.Copy(Path.Combine(t.Dir, "dedicated.geojson"), Path.Combine(dir, "dedicated.geojson"));
            var ex = Assert.Throws<BadInputException>(() => BundleReader.Read(dir));
            Assert.Equal("dedicated", ex.InputName);
            Assert.Contains("dedicated.shp", ex.Rule);
        }
        finally { Gdal.Delete(dir); }
    }

    [Fact]
    public void A_Xian_1980_prj_is_refused_naming_the_prj()
    {
        using var t = Source();
        var dir = Gdal.ToShapefiles(t.Dir, 4545);
        try
        {
            var prj = Path.Combine(dir, "communities.prj");
            File.WriteAllText(prj, File.ReadAllText(prj).Replace("6378137.0,298.257222101", "6378140.0,298.257"), Encoding.ASCII);
            var ex = Assert.Throws<BadInputException>(() => BundleReader.Read(dir));
            Assert.Equal("communities.prj", ex.InputName);
            Assert.Contains("Xian 1980", ex.Rule);
        }
        finally { Gdal.Delete(dir); }
    }
}

using GridGeo.Core;
using GridGeo.IO.Bundles;

namespace GridGeo.IO.Tests.Bundles;

public class BundleReaderTests
{
    [Fact]
    public void Reads_a_valid_bundle_and_derives_missing_links()
    {
        using var t = new TestBundle();
        var bundle = BundleReader.Read(t.Dir);

        Assert.Equal(2, bundle.Communities.Count);
        Assert.Equal(3, bundle.Buildings.Count);
        var b1 = bundle.Buildings.Single(b => b.Id == "B1");
        Assert.Equal("520321001001", b1.CommunityCode);
        Assert.Equal(2, b1.Units);
        Assert.Equal(30, b1.Floors);
        var b2 = bundle.Buildings.Single(b => b.Id == "B2");
        Assert.Equal("520321001002", b2.CommunityCode);
        Assert.Equal("D1", b2.DedicatedId);
        Assert.Equal("520321001002", bundle.DedicatedList.Single().CommunityCode);
        Assert.Null(bundle.Households);
    }

    [Fact]
    public void Street_and_county_names_are_read_when_given()
    {
        using var t = new TestBundle().Write("communities.geojson",
            TestBundle.Communities.Replace("\"name\":\"幸福社区\",", "\"name\":\"幸福社区\",\"street_name\":\"幸福街道\",\"county_name\":\"播州区\","));
        var bundle = BundleReader.Read(t.Dir);
        var named = bundle.Communities.Single(c => c.Code == "520321001001");
        Assert.Equal(("幸福街道", "播州区"), (named.StreetName, named.CountyName));
        var unnamed = bundle.Communities.Single(c => c.Code == "520321001002");
        Assert.Equal((null, null), (unnamed.StreetName, unnamed.CountyName));
    }

    [Fact]
    public void A_polygon_footprint_becomes_its_interior_point()
    {
        using var t = new TestBundle();
        var b3 = BundleReader.Read(t.Dir).Buildings.Single(b => b.Id == "B3");
        Assert.InRange(b3.Location.X, 106.9150, 106.9152);
        Assert.InRange(b3.Location.Y, 27.7080, 27.7082);
    }

    [Fact]
    public void Households_csv_is_the_truth_for_counts()
    {
        using var t = new TestBundle().Write("households.csv", TestBundle.Households);
        var bundle = BundleReader.Read(t.Dir);

        Assert.Equal(2, bundle.Households!.Count);
        Assert.Equal(2, bundle.Buildings.Single(b => b.Id == "B2").Households);
        Assert.Equal(0, bundle.Buildings.Single(b => b.Id == "B1").Households);
        var h2 = bundle.Households.Single(h => h.Id == "H2");
        Assert.Equal(106.915, h2.Lon, 9);
        Assert.Equal("幸福路1号1栋1单元101室", bundle.Households.Single(h => h.Id == "H1").Address);
    }

    public static TheoryData<string, string, string> BrokenFiles => new()
    {
        { "communities.geojson", "{not json", "not valid JSON" },
        { "communities.geojson", """{"type":"Feature"}""", "FeatureCollection" },
        { "communities.geojson", TestBundle.Communities.Replace("\"name\":\"幸福社区\",", ""), "required property \"name\"" },
        { "communities.geojson", TestBundle.Communities.Replace("520321001002", "52032100100X"), "12-digit community code" },
        { "communities.geojson", TestBundle.Communities.Replace("520321001002", "520321001001"), "duplicate community code" },
        { "communities.geojson", TestBundle.Communities.Replace("[106.91,27.71],[106.90,27.71]", "[106.90,27.71],[106.91,27.71]"), "invalid polygon" },
        { "buildings.geojson", TestBundle.Buildings.Replace("\"households\":40", "\"households\":-1"), "must be ≥ 0" },
        { "buildings.geojson", TestBundle.Buildings.Replace("\"households\":40", "\"households\":\"many\""), "must be an integer" },
        { "buildings.geojson", TestBundle.Buildings.Replace("\"households\":40", "\"nothing\":40"), "required property \"households\"" },
        { "buildings.geojson", TestBundle.Buildings.Replace("\"id\":\"B2\"", "\"id\":\"B1\""), "duplicate building id" },
        { "buildings.geojson", TestBundle.Buildings.Replace("[106.905,27.705]", "[206.905,27.705]"), "outside the lon/lat range" },
        { "buildings.geojson", TestBundle.Buildings.Replace("\"community_code\":\"520321001002\"", "\"community_code\":\"520321001009\""), "is not a community" },
        { "dedicated.geojson", TestBundle.Dedicated.Replace("\"school\"", "\"zoo\""), "\"kind\" must be one of" },
        { "communities.geojson", TestBundle.Communities.Replace("\"name\":\"幸福社区\",", "\"name\":\"幸福社区\",\"street_name\":\"幸福街道\",")
                                                    .Replace("\"name\":\"和平社区\",", "\"name\":\"和平社区\",\"street_name\":\"和平街道\","), "differs from \"幸福街道\"" },
        { "households.csv", TestBundle.Households.Replace("H2,B2", "H2,B9"), "unknown building \"B9\"" },
        { "households.csv", TestBundle.Households.Replace("H2,B2", "H1,B2"), "duplicate household id" },
        { "households.csv", "id,building_id\nH1,B2\n", "lacks the column(s) unit" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Each_broken_rule_names_the_file_and_the_rule(string file, string content, string rule)
    {
        using var t = new TestBundle().Write(file, content);
        var ex = Assert.Throws<BadInputException>(() => BundleReader.Read(t.Dir));
        Assert.StartsWith(file, ex.Message);
        Assert.Contains(rule, ex.Message);
    }

    [Fact]
    public void The_broken_feature_is_named_by_position_and_id()
    {
        using var t = new TestBundle().Write("buildings.geojson", TestBundle.Buildings.Replace("\"households\":40", "\"households\":-3"));
        var ex = Assert.Throws<BadInputException>(() => BundleReader.Read(t.Dir));
        Assert.Contains("feature 2 (id \"B2\")", ex.Message);
    }

    [Fact]
    public void A_missing_required_file_is_named()
    {
        using var t = new TestBundle();
        File.Delete(Path.Combine(t.Dir, "buildings.geojson"));
        var ex = Assert.Throws<BadInputException>(() => BundleReader.Read(t.Dir));
        Assert.StartsWith("buildings.geojson", ex.Message);
    }

    [Fact]
    public void The_real_liechtenstein_bundle_reads()
    {
        var dir = Path.Combine(RepoPaths.Shared, "realdata", "liechtenstein");
        var bundle = BundleReader.Read(dir);
        Assert.Equal(11, bundle.Communities.Count);
        Assert.Equal(bundle.Households!.Count, bundle.TotalHouseholds);
        Assert.True(bundle.Buildings.Count(b => b.CommunityCode is not null) > 8900);
    }
}

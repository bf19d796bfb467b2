using GridGeo.Core;
using GridGeo.Core.Generation;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace GridGeo.Core.Tests.Generation;

/// <summary>A generated province shared by the property tests: three counties of about 6,000 households each.</summary>
public sealed class GeneratedProvince
{
    public ProvinceGeneratorOptions Options { get; } = new() { Households = 18_000, Counties = 3, Seed = 5, FirstCountyCode = "430121" };
    public IReadOnlyList<DistrictGeneratorOptions> Counties { get; }
    public IReadOnlyList<DistrictBundle> Bundles { get; }

    public GeneratedProvince()
    {
        Counties = ProvinceLayout.Counties(Options);
        Bundles = Counties.Select(DistrictGenerator.Generate).ToList();
    }
}

public sealed class ProvinceLayoutTests(GeneratedProvince province) : IClassFixture<GeneratedProvince>
{
    [Fact]
    public void Counties_get_distinct_valid_codes_counted_up_from_the_first_and_share_the_households()
    {
        Assert.Equal(["430121", "430122", "430123"], province.Counties.Select(c => c.CountyCode));
        Assert.Equal(province.Options.Households, province.Counties.Sum(c => c.Households));
        Assert.Equal(3, province.Counties.Select(c => c.Seed).Distinct().Count());
        for (var k = 0; k < province.Bundles.Count; k++)
        {
            var county = province.Counties[k].CountyCode;
            Assert.All(province.Bundles[k].Communities, c =>
            {
                Assert.True(AdminCodes.IsCommunityCode(c.Code), $"community code {c.Code} is not 12 digits");
                Assert.Equal(county, AdminCodes.CountyOf(c.Code));
                Assert.StartsWith(c.StreetCode, c.Code);
            });
        }
    }

    [Fact]
    public void Codes_and_ids_are_unique_across_the_province()
    {
        var bundles = province.Bundles;
        AssertUnique("community code", bundles.SelectMany(b => b.Communities.Select(c => c.Code)));
        AssertUnique("building id", bundles.SelectMany(b => b.Buildings.Select(x => x.Id)));
        AssertUnique("household id", bundles.SelectMany(b => b.Households!.Select(h => h.Id)));
        AssertUnique("compound id", bundles.SelectMany(b => b.CompoundList.Select(c => c.Id)));
        AssertUnique("dedicated area id", bundles.SelectMany(b => b.DedicatedList.Select(d => d.Id)));
    }

    [Fact]
    public void Counties_do_not_overlap_or_touch_and_no_barrier_reaches_another_county()
    {
        var outlines = province.Bundles.Select(b => CascadedPolygonUnion.Union(b.Communities.Select(c => c.Boundary).ToList())).ToList();
        for (var i = 0; i < outlines.Count; i++)
        {
            for (var j = 0; j < outlines.Count; j++)
            {
                if (i == j) continue;
                var (a, b) = (province.Counties[i].CountyCode, province.Counties[j].CountyCode);
                if (i < j) Assert.False(outlines[i].Intersects(outlines[j]), $"counties {a} and {b} meet");
                Assert.All(province.Bundles[i].BarrierList, line =>
                    Assert.False(line.Line.Intersects(outlines[j]), $"a {line.Kind} of county {a} crosses county {b}"));
                Assert.DoesNotContain(province.Bundles[i].Buildings, x => outlines[j].Contains(x.Location));
            }
        }
    }

    [Fact]
    public void Every_county_lies_inside_its_footprint()
    {
        for (var k = 0; k < province.Counties.Count; k++)
        {
            var county = province.Counties[k];
            var degrees = DistrictGenerator.FootprintLonLat(county);
            var bundle = province.Bundles[k];
            Assert.All(bundle.Communities, c => Assert.True(degrees.Contains(c.Boundary.EnvelopeInternal), $"community {c.Code} leaves the footprint"));
            Assert.All(bundle.BarrierList, b => Assert.True(degrees.Contains(b.Line.EnvelopeInternal), $"a {b.Kind} of county {county.CountyCode} leaves the footprint"));
        }
    }

    [Fact]
    public void The_province_is_laid_out_around_its_centre()
    {
        var all = new Envelope();
        foreach (var b in province.Bundles)
            foreach (var c in b.Communities) all.ExpandToInclude(c.Boundary.EnvelopeInternal);
        Assert.True(all.Contains(province.Options.CenterLon, province.Options.CenterLat));
    }

    [Theory]
    [InlineData("520398", 3, "01–99")]
    [InlineData("520300", 2, "01–99")]
    [InlineData("5203", 2, "6 digits")]
    public void County_numbers_past_99_or_a_malformed_first_code_are_refused(string first, int counties, string rule)
    {
        var ex = Assert.Throws<ArgumentException>(() => ProvinceLayout.Counties(new ProvinceGeneratorOptions { FirstCountyCode = first, Counties = counties }));
        Assert.Contains(rule, ex.Message);
    }

    private static void AssertUnique(string what, IEnumerable<string> values)
    {
        var duplicate = values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        Assert.True(duplicate is null, $"{what} {duplicate?.Key} occurs {duplicate?.Count()} times in the province");
    }
}

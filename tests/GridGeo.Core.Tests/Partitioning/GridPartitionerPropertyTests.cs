using GridGeo.Core.Generation;
using GridGeo.Core.Linking;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.IO.Bundles;
using GridGeo.IO.Tests;

namespace GridGeo.Core.Tests.Partitioning;

/// <summary>
/// Every rule of the partition, checked on many districts: generated ones (several seeds and shapes,
/// towers, villages, compounds, exclaves, dedicated areas, rivers and roads) and the real Liechtenstein
/// bundle (OpenStreetMap; exclaves, mountain hamlets, a community of 190 households). Set
/// GRIDGEO_PARTITION_SEEDS (e.g. 1-20) for a longer sweep.
/// </summary>
public class GridPartitionerPropertyTests
{
    public static IEnumerable<object[]> Seeds()
    {
        var spec = Environment.GetEnvironmentVariable("GRIDGEO_PARTITION_SEEDS");
        if (spec is not null && spec.Split('-') is [var a, var b] && int.TryParse(a, out var from) && int.TryParse(b, out var to))
            return Enumerable.Range(from, to - from + 1).Select(s => new object[] { s });
        return [[1], [2], [3]];
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generated_districts_meet_every_rule(int seed)
    {
        var bundle = BundleLinker.Link(DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 9_000, Seed = seed }));
        var options = new PartitionOptions { Seed = seed };
        var result = GridPartitioner.Partition(bundle, options);
        PlanAssertions.AllRules(bundle, result, options);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Drawn_districts_of_many_shapes_meet_every_rule(int seed)
    {
        var bundle = TestDistricts.Generated(seed, communities: 3);
        var options = new PartitionOptions { Seed = seed };
        var result = GridPartitioner.Partition(bundle, options);
        PlanAssertions.AllRules(bundle, result, options);
    }

    [Theory]
    [InlineData(300, 500)]
    [InlineData(150, 260)]
    public void Other_bounds_are_met_too(int min, int max)
    {
        var bundle = BundleLinker.Link(DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 6_000, Seed = 11 }));
        var options = new PartitionOptions { Min = min, Max = max, Seed = 4 };
        PlanAssertions.AllRules(bundle, GridPartitioner.Partition(bundle, options), options, compoundsWhole: false);
    }

    [Fact]
    public void The_Liechtenstein_bundle_is_tiled_exactly_and_meets_every_rule()
    {
        // The real bundle lives in ../shared beside the checkout; RepoPaths fails loudly when it is missing.
        var bundle = BundleReader.Read(RepoPaths.SharedFolder("realdata", "liechtenstein"));
        var options = new PartitionOptions();
        var result = GridPartitioner.Partition(bundle, options);
        PlanAssertions.AllRules(bundle, result, options);
        var planken = result.Grids.Where(g => g.CommunityCode == "990100001005" && g.Kind == GridKinds.Basic).ToList();
        Assert.Equal(190, Assert.Single(planken).Households);
        Assert.Contains(result.Warnings, w => w.CommunityCode == "990100001005" && w.Message.Contains("190"));
    }
}

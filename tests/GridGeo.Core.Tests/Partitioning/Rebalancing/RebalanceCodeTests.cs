using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Rebalancing;
using GridGeo.Viewer.Tests;

namespace GridGeo.Core.Tests.Partitioning.Rebalancing;

/// <summary>
/// Codes in a rebalance: the viewer's sample district (one community: 001 under, 002 in, 003 over the bounds, and
/// the dedicated school grid 004) once made the rebalancer give a grid cut off 003 the code 004 as well.
/// </summary>
public class RebalanceCodeTests
{
    [Fact]
    public void A_new_grid_takes_a_code_no_grid_of_the_community_had_not_even_a_dedicated_one()
    {
        var before = SampleDistrict.Grids();
        var result = GridRebalancer.Rebalance(SampleDistrict.Bundle(), before, new HashSet<string>(), new PartitionOptions { Min = 300, Max = 500 });

        var codes = result.Grids.Select(g => g.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(SampleDistrict.Specs[3].Code, result.Grids.Single(g => g.Kind == GridKinds.Dedicated).Code);
        var created = result.Changes.Where(c => c.Kind == GridChangeKind.Created).Select(c => c.Code).ToList();
        Assert.DoesNotContain(created, c => before.Any(g => g.Code == c));
        Assert.Equal(before.Sum(g => g.Households), result.Grids.Sum(g => g.Households));
    }
}

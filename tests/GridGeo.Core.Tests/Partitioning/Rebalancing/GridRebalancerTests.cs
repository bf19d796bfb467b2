using GridGeo.Core.Coverage;
using GridGeo.Core.Generation;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Rebalancing;
using static GridGeo.Core.Tests.Partitioning.TestDistricts;

namespace GridGeo.Core.Tests.Partitioning.Rebalancing;

/// <summary>
/// The rebalancing rules of the issue on a plan drawn by hand: a 1,600 m × 400 m community cut into four 400 m squares
/// (grids 001…004, west to east), each holding 8 × 8 houses 50 m apart whose households each test sets per grid. Then a
/// property test on a generated district after a population shift.
/// </summary>
public sealed class GridRebalancerTests
{
    private static readonly PartitionOptions Options = new() { Min = 300, Max = 500 };
    private static readonly Community Village = Community(1, Rect(0, 0, 1600, 400));

    /// <summary>Houses of grid <paramref name="g"/> (0…3): "G{g}-{row}{col}", <paramref name="households"/> each.</summary>
    private static List<Building> Houses(int g, int households) =>
        Lattice($"G{g}-", g * 400, 0, 8, 8, 50, households).Select(b => b with { CommunityCode = Village.Code }).ToList();

    private static Grid OldGrid(int g, IReadOnlyList<Building> houses) =>
        new(Village.Code + (g + 1).ToString("D3"), Village.Code, GridKinds.Basic, null, houses.Sum(b => b.Households),
            houses.Select(b => b.Id).ToList(), Rect(g * 400, 0, (g + 1) * 400, 400));

    /// <summary>The old plan for houses of <paramref name="perHouse"/> households per grid, and the bundle as it is now.</summary>
    private static (List<Grid> Old, List<Building> Now) Plan(params int[] perHouse)
    {
        var houses = perHouse.Select((households, g) => Houses(g, households)).ToList();
        return (houses.Select((h, g) => OldGrid(g, h)).ToList(), houses.SelectMany(h => h).ToList());
    }

    private static RebalanceResult Rebalance(List<Grid> old, IEnumerable<Building> now, params string[] locked) =>
        GridRebalancer.Rebalance(Bundle([Village], now), old, locked.ToHashSet(), Options);

    private static string Code(int g) => Village.Code + (g + 1).ToString("D3");

    private static GridChangeKind KindOf(RebalanceResult r, string code) => r.Changes.Single(c => c.Code == code).Kind;

    private static void AssertIdentical(Grid before, RebalanceResult r)
    {
        var after = r.Grids.Single(g => g.Code == before.Code);
        Assert.True(GridOutlines.SameOutline(before.Boundary, after.Boundary), $"grid {before.Code} changed its geometry");
        Assert.Equal(before.Buildings, after.Buildings);
        Assert.Equal(before.Households, after.Households);
    }

    private static void AssertRules(RebalanceResult r, IEnumerable<Building> now, params string[] exempt)
    {
        var bundle = Bundle([Village], now);
        PlanAssertions.Membership(bundle, r.Grids);
        PlanAssertions.Tiling(bundle, r.Grids);
        PlanAssertions.Contiguity(bundle, r.Grids);
        Assert.All(r.Grids.Where(g => !exempt.Contains(g.Code)), g => Assert.InRange(g.Households, Options.Min, Options.Max));
        Assert.Equal(r.Grids.Count, r.Grids.Select(g => g.Code).Distinct().Count());
    }

    [Fact]
    public void A_plan_whose_households_did_not_change_comes_back_identical()
    {
        var (old, now) = Plan(6, 6, 6, 6);
        var r = Rebalance(old, now);
        Assert.Equal(0, r.Summary.HouseholdsMoved);
        Assert.All(r.Changes, c => Assert.Equal(GridChangeKind.Unchanged, c.Kind));
        foreach (var g in old) AssertIdentical(g, r);
    }

    [Fact]
    public void A_grid_just_over_max_sheds_boundary_houses_to_a_neighbour_without_splitting()
    {
        var (old, now) = Plan(6, 8, 6, 6); // 384, 512, 384, 384
        var r = Rebalance(old, now);
        AssertRules(r, now);
        Assert.Equal(0, r.Summary.Created);
        Assert.Equal(0, r.Summary.Retired);
        Assert.InRange(r.Summary.HouseholdsMoved, 12, 64);
        AssertIdentical(old[3], r);
        // Shed houses are boundary houses: within two rows of grid 002's edges with 001 or 003.
        var moved = old[1].Buildings.Except(r.Grids.Single(g => g.Code == Code(1)).Buildings).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, id => Assert.True(id[^1] - '0' is <= 1 or >= 6, $"house {id} (column {id[^1]}) is not on grid 002's boundary"));
    }

    [Fact]
    public void A_grid_over_max_whose_neighbours_cannot_take_enough_is_split()
    {
        var (old, now) = Plan(7, 12, 7, 6); // 448, 768, 448, 384: the neighbours take at most 104 of the 268 over
        var r = Rebalance(old, now);
        AssertRules(r, now);
        Assert.True(r.Summary.Created >= 1, $"expected a new grid: {r.Summary}");
        Assert.Equal(0, r.Summary.Retired);
        Assert.Contains(r.Changes, c => c.Kind == GridChangeKind.Created && c.Code == Code(4));
    }

    [Fact]
    public void A_grid_under_min_takes_houses_from_a_neighbour_that_can_give()
    {
        var (old, now) = Plan(7, 4, 6, 6); // 448, 256, 384, 384
        var r = Rebalance(old, now);
        AssertRules(r, now);
        Assert.Equal(0, r.Summary.Retired);
        Assert.Equal(0, r.Summary.Created);
        Assert.InRange(r.Summary.HouseholdsMoved, 44, 148);
    }

    [Theory]
    [InlineData(new[] { 6, 8, 6, 6 }, 1, 12, 8)] // 512: 12 over, houses of 8
    [InlineData(new[] { 7, 4, 6, 6 }, 1, 44, 7)] // 256: 44 under, its neighbours' houses of 7 and 6
    public void A_grid_just_out_of_bounds_moves_no_more_than_one_house_beyond_what_it_must(int[] perHouse, int g, int must, int house)
    {
        var (old, now) = Plan(perHouse);
        var r = Rebalance(old, now);
        AssertRules(r, now);
        Assert.InRange(r.Summary.HouseholdsMoved, must, must + house - 1);
        Assert.Equal(GridChangeKind.Changed, KindOf(r, Code(g)));
        Assert.Equal(0, r.Summary.Created + r.Summary.Retired);
    }

    [Fact]
    public void A_deficit_its_only_neighbour_cannot_spare_travels_along_a_chain_of_grids()
    {
        var (old, now) = Plan(4, 5, 7, 7); // 256, 320, 448, 448: 001 lacks 44, 002 spares 20, 003 spares 148
        var r = Rebalance(old, now);
        AssertRules(r, now);
        Assert.Equal(0, r.Summary.Created + r.Summary.Retired);
        AssertIdentical(old[3], r);
        // 001 takes at least 44 and 002 can give only 20 of its own, so 003 passes on at least 24; a house more each at most.
        Assert.InRange(r.Summary.HouseholdsMoved, 44 + 24, 44 + 24 + 7 + 7);
    }

    [Fact]
    public void A_grid_under_min_whose_neighbours_cannot_give_is_dissolved()
    {
        var (old, now) = Plan(5, 2, 5, 5); // 320, 128, 320, 320: 1,088 households fit three grids, not four
        var r = Rebalance(old, now);
        AssertRules(r, now);
        Assert.Equal(1, r.Summary.Retired);
        Assert.Equal(0, r.Summary.Created);
        Assert.Equal(3, r.Grids.Count);
    }

    [Fact]
    public void A_new_building_joins_the_grid_that_contains_it_and_nothing_else_changes()
    {
        var (old, now) = Plan(6, 6, 6, 6);
        var estate = new Building("new-1", GeoFactory.Wgs84.CreatePoint(At(1010, 210)), 40, CommunityCode: Village.Code);
        var r = Rebalance(old, now.Append(estate));
        AssertRules(r, now.Append(estate));
        Assert.Equal(0, r.Summary.HouseholdsMoved);
        Assert.Equal(GridChangeKind.Recounted, KindOf(r, Code(2)));
        var g3 = r.Grids.Single(g => g.Code == Code(2));
        Assert.Contains("new-1", g3.Buildings);
        Assert.Equal(424, g3.Households);
        Assert.True(GridOutlines.SameOutline(old[2].Boundary, g3.Boundary));
        foreach (var g in new[] { old[0], old[1], old[3] }) AssertIdentical(g, r);
    }

    [Fact]
    public void A_new_estate_that_takes_its_grid_over_max_becomes_a_grid_of_its_own_and_nobody_moves()
    {
        var (old, now) = Plan(6, 6, 6, 6);
        // Eight 50-household towers in grid 003's south-east corner: 384 + 400, more than its neighbours can take.
        var estate = Lattice("new-", 1150, 0, 2, 4, 6, 50).Select(b => b with { CommunityCode = Village.Code }).ToList();
        var r = Rebalance(old, now.Concat(estate));
        AssertRules(r, now.Concat(estate));
        Assert.Equal(0, r.Summary.HouseholdsMoved);
        var created = Assert.Single(r.Changes, c => c.Kind == GridChangeKind.Created);
        Assert.Equal(estate.Select(b => b.Id).Order(), r.Grids.Single(g => g.Code == created.Code).Buildings.Order());
        Assert.Equal(old[2].Buildings, r.Grids.Single(g => g.Code == Code(2)).Buildings);
        foreach (var g in new[] { old[0], old[1], old[3] }) AssertIdentical(g, r);
    }

    [Fact]
    public void A_demolished_building_leaves_its_grid_and_nothing_else_changes()
    {
        var (old, now) = Plan(6, 6, 6, 6);
        var gone = now.First(b => b.Id.StartsWith("G2-", StringComparison.Ordinal));
        var r = Rebalance(old, now.Where(b => b != gone));
        AssertRules(r, now.Where(b => b != gone));
        Assert.Equal(GridChangeKind.Recounted, KindOf(r, Code(2)));
        Assert.DoesNotContain(gone.Id, r.Grids.SelectMany(g => g.Buildings));
        Assert.Equal(378, r.Grids.Single(g => g.Code == Code(2)).Households);
        foreach (var g in new[] { old[0], old[1], old[3] }) AssertIdentical(g, r);
    }

    [Fact]
    public void A_locked_grid_never_changes_even_over_max()
    {
        var (old, now) = Plan(6, 12, 6, 6); // 002 locked at 768
        var r = Rebalance(old, now, Code(1));
        AssertRules(r, now, exempt: Code(1));
        AssertIdentical(old[1], r);
        Assert.True(r.Changes.Single(c => c.Code == Code(1)).Locked);
        foreach (var g in new[] { old[0], old[2], old[3] }) AssertIdentical(g, r);
    }

    [Fact]
    public void A_locked_neighbour_takes_nothing_the_other_neighbour_takes_the_surplus()
    {
        var (old, now) = Plan(6, 8, 6, 6); // 512 between a locked 001 and an open 003
        var r = Rebalance(old, now, Code(0));
        AssertRules(r, now);
        AssertIdentical(old[0], r);
        Assert.Equal(GridChangeKind.Changed, KindOf(r, Code(2)));
        Assert.True(r.Grids.Single(g => g.Code == Code(2)).Households > 384);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void After_a_population_shift_every_hard_rule_holds_and_few_households_move(int seed)
    {
        var district = Generated(seed);
        var before = GridPartitioner.Partition(district, Options);
        var shift = PopulationShift.Apply(district, seed);
        var r = GridRebalancer.Rebalance(shift.Bundle, before.Grids, new HashSet<string>(), Options);

        var bundle = shift.Bundle;
        var scratch = GridPartitioner.Partition(bundle, Options);
        PlanAssertions.Membership(bundle, r.Grids);
        PlanAssertions.Tiling(bundle, r.Grids);
        PlanAssertions.Contiguity(bundle, r.Grids);
        Assert.Equal(r.Grids.Count, r.Grids.Select(g => g.Code).Distinct().Count());
        var bounds = new HouseholdBounds(Options.Min, Options.Max);
        foreach (var c in bundle.Communities)
        {
            var basic = r.Grids.Where(g => g.CommunityCode == c.Code && g.Kind == GridKinds.Basic).ToList();
            // Bounds hold wherever they can: where a from-scratch partition of the shifted district keeps them.
            if (scratch.Grids.Where(g => g.CommunityCode == c.Code && g.Kind == GridKinds.Basic).All(g => bounds.Contains(g.Households)))
                Assert.All(basic, g => Assert.True(bounds.Contains(g.Households), $"grid {g.Code} has {g.Households} households after the rebalance"));
        }
        foreach (var d in before.Grids.Where(g => g.Kind == GridKinds.Dedicated))
            Assert.True(GridOutlines.SameOutline(d.Boundary, r.Grids.Single(g => g.Code == d.Code).Boundary), $"dedicated grid {d.Code} lost its area");
        var old = before.Grids.ToDictionary(g => g.Code);
        foreach (var c in r.Changes.Where(c => c.Kind == GridChangeKind.Unchanged)) AssertIdentical(old[c.Code], r);

        var householdsOf = HouseholdsMovedMeasure.MemberHouseholds(scratch.Grids.Concat(r.Grids).ToList(), bundle.Buildings);
        var moved = HouseholdsMovedMeasure.Count(before.Grids, r.Grids, householdsOf);
        var movedScratch = HouseholdsMovedMeasure.Count(before.Grids, scratch.Grids, householdsOf);
        // The target (a fifth) is measured by scripts/bench-rebalance.sh and reported there; on these small districts,
        // where a quarter of one community's buildings go, the dissolved grids alone cost a good part of it.
        Assert.True(moved * 2 <= movedScratch, $"the rebalance moved {moved} households, a from-scratch partition {movedScratch}");
    }
}

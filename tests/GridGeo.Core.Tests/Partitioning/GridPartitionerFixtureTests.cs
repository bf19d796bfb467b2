using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using NetTopologySuite.Geometries;
using Barrier = GridGeo.Core.Model.Barrier;
using static GridGeo.Core.Tests.Partitioning.TestDistricts;

namespace GridGeo.Core.Tests.Partitioning;

public class GridPartitionerFixtureTests
{
    private static readonly PartitionOptions Options = new() { MaxDegreeOfParallelism = 1 };

    private static PartitionResult Run(DistrictBundle bundle, PartitionOptions? options = null)
    {
        var result = GridPartitioner.Partition(bundle, options ?? Options);
        PlanAssertions.AllRules(bundle, result, options ?? Options);
        return result;
    }

    private static HashSet<string> GridsHolding(PartitionResult result, IEnumerable<Building> buildings)
    {
        var ids = buildings.Select(b => b.Id).ToHashSet();
        return result.Grids.Where(g => g.Buildings.Any(m => ids.Contains(m.Split('#')[0]))).Select(g => g.Code).ToHashSet();
    }

    [Fact]
    public void A_community_of_250_households_is_one_grid_with_a_warning()
    {
        var bundle = Bundle([Community(1, Rect(0, 0, 500, 500))], Lattice("B", 0, 0, 5, 5, 100, 10));
        var result = Run(bundle);
        var grid = Assert.Single(result.Grids);
        Assert.Equal(250, grid.Households);
        Assert.IsType<Polygon>(grid.Boundary);
        Assert.Contains(result.Warnings, w => w.CommunityCode == Code(1) && w.Message.Contains("250"));
    }

    [Fact]
    public void A_community_of_520_households_gets_the_closest_plan_and_a_warning_saying_why()
    {
        var bundle = Bundle([Community(1, Rect(0, 0, 1300, 400))], Lattice("B", 0, 0, 13, 4, 100, 10));
        var result = Run(bundle);
        var grid = Assert.Single(result.Grids);
        Assert.Equal(520, grid.Households);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(Code(1), warning.CommunityCode);
        Assert.Contains("520", warning.Message);
        Assert.Contains("500", warning.Message);
    }

    [Fact]
    public void A_single_600_household_tower_is_split_by_stair_unit_into_grids_in_bounds()
    {
        var tower = new Building("T1", GeoFactory.Wgs84.CreatePoint(At(200, 200)), 600, 4, 30);
        var result = Run(Bundle([Community(1, Rect(0, 0, 400, 400))], [tower]));
        Assert.Equal(2, result.Grids.Count);
        Assert.All(result.Grids, g => Assert.InRange(g.Households, 300, 500));
        Assert.All(result.Grids, g => Assert.All(g.Buildings, m => Assert.StartsWith("T1#", m)));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_compound_of_ten_264_household_towers_is_cut_by_stair_units_only_where_needed()
    {
        var towers = Lattice("T", 0, 0, 5, 2, 80, 264, units: 4, compound: "K");
        var compound = new Compound("K", "towers", null, Rect(0, 0, 400, 160));
        var result = Run(Bundle([Community(1, Rect(0, 0, 400, 160))], towers, [compound]));
        Assert.Empty(result.Warnings);
        Assert.All(result.Grids, g => Assert.InRange(g.Households, 300, 500));
        var split = result.Grids.SelectMany(g => g.Buildings).Where(m => m.Contains('#')).Select(m => m.Split('#')[0]).Distinct().Count();
        // Whole towers alone cannot make a grid in bounds (264 < 300, 528 > 500), so some are split,
        // but no more than one per cut between grids.
        Assert.InRange(split, 1, result.Grids.Count - 1);
    }

    [Theory]
    [InlineData(120, true)]
    [InlineData(400, false)]
    public void A_river_is_crossed_only_when_one_side_cannot_form_a_grid_on_its_own(int northHouseholds, bool crossingNeeded)
    {
        var south = Lattice("S", 0, 0, 10, 4, 100, 20);
        var north = Lattice("N", 0, 420, 6, 2, 90, northHouseholds / 12);
        var river = new Barrier(BarrierKinds.River, Line((-20, 410), (1020, 410)));
        var result = Run(Bundle([Community(1, Rect(0, 0, 1000, 600))], south.Concat(north), barriers: [river]));
        var straddling = GridsHolding(result, south).Intersect(GridsHolding(result, north)).Count();
        Assert.Equal(crossingNeeded ? 1 : 0, straddling);
    }

    [Fact]
    public void A_major_road_between_two_feasible_sides_is_never_crossed()
    {
        var west = Lattice("W", 0, 0, 5, 10, 60, 16);
        var east = Lattice("E", 320, 0, 5, 10, 60, 14);
        var road = new Barrier(BarrierKinds.MajorRoad, Line((310, -10), (310, 610)));
        var result = Run(Bundle([Community(1, Rect(0, 0, 620, 600))], west.Concat(east), barriers: [road]));
        Assert.Empty(GridsHolding(result, west).Intersect(GridsHolding(result, east)));
    }

    [Fact]
    public void A_dedicated_area_covering_half_a_community_becomes_a_dedicated_grid_of_that_half()
    {
        var buildings = Lattice("B", 0, 0, 20, 5, 50, 8);
        var park = new DedicatedArea("D1", "school", "school", null, Rect(0, 0, 500, 250));
        var bundle = Bundle([Community(1, Rect(0, 0, 1000, 250))], buildings, dedicated: [park]);
        var result = Run(bundle);
        var dedicated = Assert.Single(result.Grids, g => g.Kind == GridKinds.Dedicated);
        Assert.Equal("school", dedicated.DedicatedKind);
        var inside = bundle.Buildings.Where(b => b.DedicatedId == "D1").ToList();
        Assert.Equal(50, inside.Count);
        Assert.Equal(inside.Sum(b => b.Households), dedicated.Households);
        Assert.Equal(inside.Select(b => b.Id).Order(), dedicated.Buildings.Order());
        // The park's outline, on the 7-decimal grid every outline is written on (each vertex within one 1e-7° step).
        Assert.True(GridOutlines.SameOutline(park.Boundary, dedicated.Boundary), "the dedicated grid differs from its area");
        Assert.All(result.Grids.Where(g => g.Kind == GridKinds.Basic), g => Assert.InRange(g.Households, 300, 500));
    }

    [Fact]
    public void A_community_with_no_households_is_one_empty_grid_with_a_warning()
    {
        var empty = Community(2, Rect(2000, 0, 2400, 300));
        var emptyHouses = Lattice("E", 2000, 0, 3, 3, 100, 0);
        var result = Run(Bundle([Community(1, Rect(0, 0, 500, 500)), empty], Lattice("B", 0, 0, 5, 5, 100, 16).Concat(emptyHouses)));
        var grid = Assert.Single(result.Grids, g => g.CommunityCode == empty.Code);
        Assert.Equal(0, grid.Households);
        Assert.Contains(result.Warnings, w => w.CommunityCode == empty.Code);
    }

    [Fact]
    public void A_community_without_any_building_is_still_covered()
    {
        var result = Run(Bundle([Community(1, Rect(0, 0, 500, 500))], []));
        Assert.Equal(0, Assert.Single(result.Grids).Households);
    }

    [Fact]
    public void An_exclave_of_12_households_joins_a_grid_of_its_community_as_a_second_part()
    {
        var boundary = GeoFactory.Wgs84.CreateMultiPolygon([Rect(0, 0, 1000, 400), Rect(1500, 0, 1600, 100)]);
        var main = Lattice("M", 0, 0, 10, 4, 100, 20);
        var exclave = Lattice("X", 1500, 0, 2, 1, 50, 6);
        var result = Run(Bundle([Community(1, boundary)], main.Concat(exclave)));
        var multi = Assert.Single(result.Grids, g => g.Boundary is MultiPolygon);
        Assert.Equal(2, multi.Boundary.NumGeometries);
        Assert.Equal([multi.Code], GridsHolding(result, exclave));
        Assert.All(result.Grids.Where(g => g != multi), g => Assert.IsType<Polygon>(g.Boundary));
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan()
    {
        var bundle = TestDistricts.Generated(5, communities: 2);
        var a = GridPartitioner.Partition(bundle, Options with { Seed = 9 });
        var b = GridPartitioner.Partition(bundle, Options with { Seed = 9, MaxDegreeOfParallelism = 2 });
        Assert.Equal(a.Grids.Select(g => (g.Code, g.Households, string.Join(",", g.Buildings), g.Boundary.AsText())),
                     b.Grids.Select(g => (g.Code, g.Households, string.Join(",", g.Buildings), g.Boundary.AsText())));
    }

    [Theory]
    [InlineData(0, 500, "Min")]
    [InlineData(300, 200, "Max")]
    public void Options_out_of_range_are_rejected_naming_the_option(int min, int max, string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PartitionOptions { Min = min, Max = max }.Validate());
        Assert.Equal(name, ex.ParamName);
    }
}

using GridGeo.Core.Model;
using GridGeo.Core.Partitioning.Liaison;
using static GridGeo.Core.Tests.Partitioning.Liaison.LiaisonFixtures;

namespace GridGeo.Core.Tests.Partitioning.Liaison;

/// <summary>Random worlds of towers, blocks and houses under rectangular grids: the plan's properties hold for every seed.</summary>
public class LiaisonPropertyTests
{
    /// <summary>A 6×6 lattice of sites 60 m apart; each site a tower, a walk-up block, a few houses or empty. Grids are 2×3 blocks of sites.</summary>
    private static (DistrictBundle Bundle, List<Grid> Grids) World(int seed)
    {
        var random = new Random(seed);
        var buildings = new List<Building>();
        var members = new Dictionary<int, List<string>>();
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                var grid = 1 + (i / 3) * 3 + j / 2;
                if (!members.ContainsKey(grid)) members[grid] = [];
                var (x, y) = (i * 60.0, j * 60.0);
                var kind = random.Next(4);
                var id = $"S{i}{j}";
                switch (kind)
                {
                    case 0:
                        var units = random.Next(1, 4);
                        var floors = random.Next(6, 34);
                        buildings.Add(Building(id, x, y, units * floors * random.Next(2, 5), units, floors));
                        members[grid].Add(id);
                        break;
                    case 1:
                        buildings.Add(Building(id, x, y, random.Next(6, 40), random.Next(1, 4), random.Next(2, 7)));
                        members[grid].Add(id);
                        break;
                    case 2:
                        for (var h = 0; h < random.Next(1, 8); h++)
                        {
                            buildings.Add(Building($"{id}h{h}", x + random.NextDouble() * 50 - 25, y + random.NextDouble() * 50 - 25, random.Next(1, 3)));
                            members[grid].Add($"{id}h{h}");
                        }
                        break;
                }
            }
        }
        var grids = members.OrderBy(kv => kv.Key).Select(kv =>
        {
            var gi = (kv.Key - 1) / 3;
            var gj = (kv.Key - 1) % 3;
            return Grid(kv.Key, Rectangle(gi * 180 - 30, gj * 120 - 30, gi * 180 + 150, gj * 120 + 90), kv.Value);
        }).ToList();
        return (new DistrictBundle([], buildings), grids);
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var s = 1; s <= 12; s++) data.Add(s);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_household_once_no_spanning_bounds_where_feasible(int seed)
    {
        var (bundle, grids) = World(seed);
        foreach (var options in new[] { LiaisonOptions.Default, LiaisonOptions.TenHouseholds, new LiaisonOptions { Target = 50, Min = 30, Max = 100 } })
        {
            var plan = LiaisonUnitPlanner.Plan(bundle, grids, options);
            LiaisonPlanChecks.AssertValid(plan, bundle, grids, options);
            Assert.Equal(0, plan.Summary.HouseholdsOutsideGrids);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Codes_are_stable_on_a_rerun_and_under_reordered_input(int seed)
    {
        var (bundle, grids) = World(seed);
        var first = LiaisonPlanChecks.Signature(LiaisonUnitPlanner.Plan(bundle, grids));
        var again = LiaisonPlanChecks.Signature(LiaisonUnitPlanner.Plan(bundle, grids));
        Assert.Equal(first, again);

        var shuffle = new Random(seed + 1000);
        var reordered = bundle with { Buildings = bundle.Buildings.OrderBy(_ => shuffle.Next()).ToList() };
        var reorderedGrids = grids.Select(g => g with { Buildings = g.Buildings.OrderBy(_ => shuffle.Next()).ToList() }).ToList();
        Assert.Equal(first, LiaisonPlanChecks.Signature(LiaisonUnitPlanner.Plan(reordered, reorderedGrids)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Inside_a_building_a_unit_is_one_run_of_stair_units_and_floors(int seed)
    {
        var (bundle, grids) = World(seed);
        var plan = LiaisonUnitPlanner.Plan(bundle, grids);
        var households = HouseholdExpander.HouseholdsOf(bundle);
        var order = households.Select((h, i) => (h, i)).ToDictionary(p => p.h.Id, p => p.i);
        foreach (var unit in plan.Units)
        {
            // The unit's households of each building are consecutive in (stair unit, floor, room) order.
            foreach (var building in unit.Members.GroupBy(m => households[order[m]].BuildingId))
            {
                var positions = building.Select(m => order[m]).Order().ToList();
                Assert.Equal(Enumerable.Range(positions[0], positions.Count), positions);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_building_whole_in_one_unit_stands_in_its_unit_unless_the_bounds_keep_it_out(int seed)
    {
        var (bundle, grids) = World(seed);
        foreach (var options in new[] { LiaisonOptions.Default, LiaisonOptions.TenHouseholds })
            LiaisonPlanChecks.AssertBuildingsStandInTheirUnits(LiaisonUnitPlanner.Plan(bundle, grids, options), bundle, options);
    }

    [Fact]
    public void Sizing_finds_in_bounds_counts_exactly_when_they_exist()
    {
        foreach (var options in new[] { LiaisonOptions.Default, LiaisonOptions.TenHouseholds, new LiaisonOptions { Target = 30, Min = 30, Max = 30 } })
        {
            for (var n = 1; n <= 1200; n++)
            {
                var (k, min, max) = LiaisonSizing.Plan(n, options);
                Assert.True(k >= 1);
                Assert.InRange(n, k * min, k * max);
                Assert.True(max <= LiaisonOptions.HardCap);
                var exists = Enumerable.Range(1, n).Any(c => c * options.Min <= n && n <= c * options.Max);
                Assert.Equal(exists, LiaisonSizing.IsFeasible(n, options.Min, options.Max));
                if (exists) Assert.Equal((options.Min, options.Max), (min, max));
            }
        }
    }

    [Theory]
    [InlineData(0, 30, 40)]
    [InlineData(31, 30, 40)]
    [InlineData(20, 41, 40)]
    [InlineData(20, 30, 101)]
    public void Options_outside_min_target_max_hardcap_are_bad_input(int min, int target, int max)
    {
        var ex = Assert.Throws<BadInputException>(() => new LiaisonOptions { Min = min, Target = target, Max = max }.Validate());
        Assert.Equal("liaison options", ex.InputName);
    }

    [Fact]
    public void Presets_are_thirty_and_ten()
    {
        Assert.Equal((30, 20, 40), (LiaisonOptions.Preset("thirty").Target, LiaisonOptions.Preset("thirty").Min, LiaisonOptions.Preset("thirty").Max));
        Assert.Equal((10, 8, 12), (LiaisonOptions.Preset("ten").Target, LiaisonOptions.Preset("ten").Min, LiaisonOptions.Preset("ten").Max));
        Assert.Throws<BadInputException>(() => LiaisonOptions.Preset("twelve"));
    }
}

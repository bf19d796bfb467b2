using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning.Rebalancing;

namespace GridGeo.Core.Tests.Partitioning.Rebalancing;

/// <summary>The households-moved measure of the rebalance benchmark, as the bench and the plan diff count it.</summary>
public class HouseholdsMovedMeasureTests
{
    private const string Community = "520321001001";

    private static Grid G(int n, params string[] members) =>
        new(AdminCodes.Child(Community, n), Community, GridKinds.Basic, null, 0, members.ToList(), GeoFactory.Wgs84.CreatePolygon());

    // Member names carry their households after the dash: "a-3" holds 3.
    private static int HouseholdsOf(string member) => int.Parse(member[(member.IndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_split_grid_moves_nobody_by_the_best_match_and_its_smaller_half_one_to_one()
    {
        var before = new[] { G(1, "a-100", "b-120", "c-200", "d-195") };
        var after = new[] { G(1, "a-100", "c-200"), G(2, "b-120", "d-195") };

        Assert.Equal(0, HouseholdsMovedMeasure.Count(before, after, HouseholdsOf));
        Assert.Equal(300, HouseholdsMovedMeasure.CountOneToOne(before, after, HouseholdsOf));
    }

    [Fact]
    public void One_to_one_pairs_grids_to_keep_the_most_households_not_greedily()
    {
        // New grid 1 has 3 from old A and 2 from old B; new grid 2 has 2 from A. Greedy pairs 1–A and leaves 2 without its
        // grid (4 moved); the best pairing is 1–B and 2–A (3 moved).
        var before = new[] { G(1, "a1-3", "a2-2"), G(2, "b1-2") };
        var after = new[] { G(3, "a1-3", "b1-2"), G(4, "a2-2") };

        Assert.Equal(3, HouseholdsMovedMeasure.CountOneToOne(before, after, HouseholdsOf));
        Assert.Equal(2, HouseholdsMovedMeasure.Count(before, after, HouseholdsOf));
    }

    [Fact]
    public void New_buildings_and_unchanged_grids_are_no_moves_in_either_count()
    {
        var before = new[] { G(1, "a-300"), G(2, "b-400") };
        var after = new[] { G(1, "a-300", "new-150"), G(2, "b-400"), G(3, "new2-320") };

        Assert.Equal(0, HouseholdsMovedMeasure.Count(before, after, HouseholdsOf));
        Assert.Equal(0, HouseholdsMovedMeasure.CountOneToOne(before, after, HouseholdsOf));
    }

    [Fact]
    public void A_building_listed_by_stair_unit_before_and_whole_after_is_shared_among_its_units_old_grids()
    {
        // Tower t (4 units of 66) had unit 1 in grid 1 and units 2–4 in grid 2; now it stands whole in grid 2 with grid 2's
        // other building: only unit 1's 66 households moved (by the building alone, all 264 would count as grid 1's).
        int Households(string m) => m.StartsWith("t#", StringComparison.Ordinal) ? 66 : m == "t" ? 264 : HouseholdsOf(m);
        var before = new[] { G(1, "a-300", "t#1"), G(2, "t#2", "t#3", "t#4", "b-200") };
        var after = new[] { G(1, "a-300"), G(2, "t", "b-200") };

        Assert.Equal(66, HouseholdsMovedMeasure.Count(before, after, Households));
        Assert.Equal(66, HouseholdsMovedMeasure.CountOneToOne(before, after, Households));
    }
}

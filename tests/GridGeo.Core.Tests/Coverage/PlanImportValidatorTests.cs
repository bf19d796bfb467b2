using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GridGeo.Core.Tests.Coverage;

/// <summary>
/// <see cref="PlanImportValidator"/> on small WKT fixtures: a community of two pieces (a main square and an
/// exclave) at 110°E 30°N, two buildings of 3 households each in the main square.
/// </summary>
public sealed class PlanImportValidatorTests
{
    private const string Code = "110101001001";

    private static readonly WKTReader Wkt = new();

    private static Geometry G(string wkt) => Wkt.Read(wkt);

    private static readonly Community Community = new(Code, "c", "110101001",
        G("MULTIPOLYGON (((110 30, 110.01 30, 110.01 30.01, 110 30.01, 110 30)), ((110.02 30, 110.022 30, 110.022 30.002, 110.02 30.002, 110.02 30)))"));

    private static DistrictBundle Stored()
    {
        var buildings = new[]
        {
            new Building("B1", (Point)G("POINT (110.002 30.005)"), 3, CommunityCode: Code),
            new Building("B2", (Point)G("POINT (110.008 30.005)"), 3, CommunityCode: Code),
        };
        var households = buildings.SelectMany(b => Enumerable.Range(1, 3).Select(h =>
            new Household($"{b.Id}-{h}", b.Id, h, 1, "", b.Location.X, b.Location.Y, ""))).ToList();
        return new DistrictBundle([Community], buildings, households);
    }

    private static Grid Grid(int n, string wkt, params string[] members) => new($"{Code}{n:D3}", Code, GridKinds.Basic, null, 0, members, G(wkt));

    private static Grid West => Grid(1, "MULTIPOLYGON (((110 30, 110.005 30, 110.005 30.01, 110 30.01, 110 30)), ((110.02 30, 110.022 30, 110.022 30.002, 110.02 30.002, 110.02 30)))", "B1");

    private static Grid East => Grid(2, "POLYGON ((110.005 30, 110.01 30, 110.01 30.01, 110.005 30.01, 110.005 30))", "B2");

    [Fact]
    public void A_tiling_plan_with_a_whole_exclave_in_one_grid_has_no_problem()
    {
        Assert.Empty(PlanImportValidator.Validate(Stored(), [West, East]));
    }

    [Fact]
    public void A_left_out_exclave_is_a_gap_located_in_it()
    {
        var west = Grid(1, "POLYGON ((110 30, 110.005 30, 110.005 30.01, 110 30.01, 110 30))", "B1");
        var gap = Assert.Single(PlanImportValidator.Validate(Stored(), [west, East]));
        Assert.Equal(PlanRules.Gap, gap.Rule);
        Assert.True(Community.Boundary.GetGeometryN(1).Contains(GeoFactory.Wgs84.CreatePoint(new Coordinate(gap.Lon!.Value, gap.Lat!.Value))));
        Assert.InRange(gap.AreaM2!.Value, 0.95 * 0.002 * 0.002 * 96_486 * 110_852, 1.05 * 0.002 * 0.002 * 96_486 * 110_852);
    }

    [Fact]
    public void Households_are_left_out_or_listed_twice_by_stair_unit()
    {
        var east = Grid(2, "POLYGON ((110.005 30, 110.01 30, 110.01 30.01, 110.005 30.01, 110.005 30))", "B2#1", "B1#3");
        var problems = PlanImportValidator.Validate(Stored(), [West, east]);
        var left = Assert.Single(problems, p => p.Rule == PlanRules.HouseholdLeftOut);
        Assert.Equal(new[] { "B2-2", "B2-3" }, left.HouseholdIds!);
        var twice = Assert.Single(problems, p => p.Rule == PlanRules.HouseholdTwice);
        Assert.Equal(new[] { "B1-3" }, twice.HouseholdIds!);
        Assert.Equal((West.Code, east.Code), (twice.GridCode, twice.OtherGridCode));
    }

    [Fact]
    public void A_member_that_is_not_a_stored_building_is_named()
    {
        var east = Grid(2, "POLYGON ((110.005 30, 110.01 30, 110.01 30.01, 110.005 30.01, 110.005 30))", "B2", "B9");
        var unknown = Assert.Single(PlanImportValidator.Validate(Stored(), [West, east]));
        Assert.Equal((PlanRules.UnknownBuilding, "B9"), (unknown.Rule, unknown.BuildingId));
    }

    [Fact]
    public void Household_counts_follow_the_members()
    {
        Assert.Equal(3, PlanImportValidator.CountHouseholds(Stored(), West));
        Assert.Equal(4, PlanImportValidator.CountHouseholds(Stored(), Grid(3, "POINT (0 0)", "B1", "B2#2")));
    }
}

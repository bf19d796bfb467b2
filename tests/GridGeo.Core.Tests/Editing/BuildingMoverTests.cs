using GridGeo.Core.Editing;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GridGeo.Core.Tests.Editing;

public class BuildingMoverTests
{
    private const string Community = "520321001003";
    private static readonly WKTReader Wkt = new(GeoFactory.Wgs84.GeometryServices);

    // Two 0.01° squares side by side (A west, B east) sharing the meridian 106.91, each with a 3×3
    // lattice of 40-household buildings; C is a square far away.
    private static readonly Geometry SquareA = Wkt.Read("POLYGON((106.90 27.70, 106.91 27.70, 106.91 27.71, 106.90 27.71, 106.90 27.70))");
    private static readonly Geometry SquareB = Wkt.Read("POLYGON((106.91 27.70, 106.92 27.70, 106.92 27.71, 106.91 27.71, 106.91 27.70))");
    private static readonly Geometry SquareC = Wkt.Read("POLYGON((106.95 27.70, 106.96 27.70, 106.96 27.71, 106.95 27.71, 106.95 27.70))");

    private static readonly Dictionary<string, Building> Buildings = LatticeOf("a", 106.90).Concat(LatticeOf("b", 106.91)).Concat(LatticeOf("c", 106.95))
        .ToDictionary(b => b.Id);

    private static IEnumerable<Building> LatticeOf(string prefix, double west)
    {
        double[] steps = [0.0017, 0.005, 0.0083];
        for (var col = 0; col < 3; col++)
            for (var row = 0; row < 3; row++)
                yield return new Building($"{prefix}{col}{row}", GeoFactory.Wgs84.CreatePoint(new Coordinate(west + steps[col], 27.70 + steps[row])), 40);
    }

    private static Grid GridOf(string code, string prefix, Geometry boundary, string kind = GridKinds.Basic, string community = Community) =>
        new(code, community, kind, kind == GridKinds.Dedicated ? "school" : null, 360,
            Buildings.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order().ToList(), boundary);

    private static readonly Grid A = GridOf(Community + "001", "a", SquareA);
    private static readonly Grid B = GridOf(Community + "002", "b", SquareB);

    [Fact]
    public void Moving_a_building_by_the_shared_edge_moves_its_households_and_keeps_the_two_grids_tiling_their_area()
    {
        var result = BuildingMover.Move(A, B, ["a21"], Buildings);

        Assert.True(result.Succeeded, result.FailedRule);
        Assert.Equal(40, result.HouseholdsMoved);
        Assert.Equal(A.Households - 40, result.From!.Households);
        Assert.Equal(B.Households + 40, result.To!.Households);
        Assert.DoesNotContain("a21", result.From.Buildings);
        Assert.Contains("a21", result.To.Buildings);
        Assert.Equal(A.Buildings.Count + B.Buildings.Count, result.From.Buildings.Count + result.To.Buildings.Count);

        Assert.IsType<Polygon>(result.From.Boundary);
        Assert.IsType<Polygon>(result.To.Boundary);
        var before = SquareA.Union(SquareB);
        var after = result.From.Boundary.Union(result.To.Boundary);
        Assert.True(before.SymmetricDifference(after).Area < before.Area * 1e-9, "the two grids no longer cover exactly their old area");
        Assert.True(result.From.Boundary.Intersection(result.To.Boundary).Area < before.Area * 1e-9, "the two grids overlap");
        foreach (var id in result.From.Buildings) Assert.True(result.From.Boundary.Covers(Buildings[id].Location), $"{id} is outside its grid");
        foreach (var id in result.To.Buildings) Assert.True(result.To.Boundary.Covers(Buildings[id].Location), $"{id} is outside its grid");
    }

    [Fact]
    public void A_building_on_the_far_side_cannot_move_because_the_target_would_fall_into_two_pieces()
    {
        var result = BuildingMover.Move(A, B, ["a01"], Buildings);

        Assert.False(result.Succeeded);
        Assert.Contains($"grid {B.Code} would fall into 2 pieces", result.FailedRule);
    }

    [Fact]
    public void Moving_the_whole_east_column_succeeds_and_moves_all_their_households()
    {
        var result = BuildingMover.Move(A, B, ["a20", "a21", "a22"], Buildings);

        Assert.True(result.Succeeded, result.FailedRule);
        Assert.Equal(120, result.HouseholdsMoved);
        Assert.True(result.To!.Boundary.Area > SquareB.Area, "the target did not grow");
    }

    public static TheoryData<string, string[], string, string> Refusals => new()
    {
        { "C", ["a21"], "is not a neighbour", "far-away grid" },
        { "B", ["b11"], "is not a member of grid", "building of the target" },
        { "B", ["a00", "a01", "a02", "a10", "a11", "a12", "a20", "a21", "a22"], "would be left with no building", "every building" },
        { "B", [], "at least one building", "no building" },
        { "B", ["a21", "a21"], "is named twice", "a building twice" },
        { "A", ["a21"], "not back into", "the same grid" },
        { "D", ["a21"], "never crosses a community line", "another community" },
        { "S", ["a21"], "only between basic grids", "a dedicated grid" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_move_breaking_a_rule_is_refused_with_the_rule(string target, string[] ids, string rule, string _)
    {
        var to = target switch
        {
            "A" => A,
            "B" => B,
            "C" => GridOf(Community + "003", "c", SquareC),
            "D" => GridOf("520321001004001", "b", SquareB, community: "520321001004"),
            _ => GridOf(Community + "004", "b", SquareB, GridKinds.Dedicated),
        };

        var result = BuildingMover.Move(A, to, ids, Buildings);

        Assert.False(result.Succeeded);
        Assert.Contains(rule, result.FailedRule);
    }
}

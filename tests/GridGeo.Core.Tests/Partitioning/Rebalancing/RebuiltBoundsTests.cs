using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Rebalancing;
using NetTopologySuite.Geometries;
using static GridGeo.Core.Tests.Partitioning.TestDistricts;

namespace GridGeo.Core.Tests.Partitioning.Rebalancing;

/// <summary>
/// The outline rebuild must not leave a grid out of bounds. A 1,200 m × 400 m community holds three old grids of 400 m
/// squares (A, B, C, west to east), 8 × 8 houses 50 m apart in each; A also holds a lobe of four houses inside B's square,
/// joined to it by a neck narrower than one 1e-7° step, so on the grid the lobe is cut off from A: the rebuild gives it,
/// houses and all, to B — its only neighbour, which has no room for them — or, when B is kept as it was (fixed in the
/// rebuild), has to leave it cut off in A. The households of A grow over the maximum, so A changes. Random sizes (per seed) for A's growth, the lobe and B; every time, the grids the rebalance returns are
/// in bounds, tile the community and pass the gate, and every household is in exactly one grid.
/// </summary>
public sealed class RebuiltBoundsTests
{
    private static readonly PartitionOptions Options = new() { Min = 300, Max = 500 };
    private static readonly Community Village = Community(1, Rect(0, 0, 1200, 400));

    private static Coordinate P(double x, double y) => At(x, y);

    /// <summary>A point at <paramref name="x"/> metres east and an exact latitude (the neck's edges, placed against the 1e-7° grid).</summary>
    private static Coordinate PLat(double x, double lat) => new(At(x, 0).X, lat);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void A_part_cut_off_by_a_collapsed_neck_never_takes_its_new_grid_out_of_bounds(int seed)
    {
        var random = new Random(seed);
        var perHouseA = random.Next(8, 10); // A's main part grows to 512 or 576 households: over the maximum
        var perHouseLobe = random.Next(6, 16); // 24…60 households in the lobe
        var perHouseB = 8; // B: 60 houses × 8 = 480, no room for the lobe
        var perHouseC = random.Next(4, 7); // C: 256…384, the room the surplus can go to

        // The neck: from x = 400 m to 600 m at a latitude on the 1e-7° grid, 0.3 step tall, so snapping closes it.
        var lat = Math.Round(At(0, 200).Y * GridPrecision.Scale) / GridPrecision.Scale;
        var top = lat + 0.3 / GridPrecision.Scale;
        var f = GeoFactory.Wgs84;
        var a = f.CreatePolygon([
            P(0, 0), P(400, 0), PLat(400, lat), PLat(600, lat), P(600, 150), P(700, 150), P(700, 250), P(600, 250), PLat(600, top), PLat(400, top),
            P(400, 400), P(0, 400), P(0, 0)]);
        var b = f.CreatePolygon([
            P(400, 0), P(800, 0), P(800, 400), P(400, 400), PLat(400, top), PLat(600, top), P(600, 250), P(700, 250), P(700, 150), P(600, 150),
            PLat(600, lat), PLat(400, lat), P(400, 0)]);
        Assert.True(a.IsValid && b.IsValid);
        var c = Rect(800, 0, 1200, 400);

        static List<Building> Houses(string prefix, double x0, int households) =>
            Lattice(prefix, x0, 0, 8, 8, 50, households).Select(h => h with { CommunityCode = Village.Code }).ToList();
        var inLobe = new Envelope(P(600, 150), P(700, 250));
        var housesA = Houses("A-", 0, perHouseA);
        var lattice = Houses("B-", 400, perHouseB);
        var lobe = lattice.Where(h => inLobe.Contains(h.Location.Coordinate)).Select(h => h with { Id = "L" + h.Id, Households = perHouseLobe }).ToList();
        var housesB = lattice.Where(h => !inLobe.Contains(h.Location.Coordinate)).ToList();
        var housesC = Houses("C-", 800, perHouseC);
        Assert.Equal(4, lobe.Count);

        Grid Old(int n, Geometry outline, IReadOnlyList<Building> members, int households) =>
            new(Village.Code + n.ToString("D3"), Village.Code, GridKinds.Basic, null, households, members.Select(m => m.Id).ToList(), outline);
        // The old plan as it was before A grew (6 households a house): every grid in bounds.
        var old = new List<Grid>
        {
            Old(1, a, housesA.Concat(lobe).ToList(), 64 * 6 + lobe.Sum(h => h.Households)),
            Old(2, b, housesB, housesB.Sum(h => h.Households)),
            Old(3, c, housesC, housesC.Sum(h => h.Households)),
        };
        var now = housesA.Concat(lobe).Concat(housesB).Concat(housesC).ToList();
        var bundle = Bundle([Village], now);

        var r = GridRebalancer.Rebalance(bundle, old, new HashSet<string>(), Options);

        var context = $"A {64 * perHouseA}, lobe {4 * perHouseLobe}, B {housesB.Sum(h => h.Households)}, C {64 * perHouseC}: " +
                      string.Join(", ", r.Grids.Select(g => $"{g.Code} {g.Households}")) + "; " + string.Join("; ", r.Warnings);
        PlanAssertions.Membership(bundle, r.Grids);
        Assert.All(r.Grids, g => Assert.True(g.Boundary is Polygon, $"grid {g.Code} is in {g.Boundary.NumGeometries} parts — {context}"));
        PlanAssertions.Tiling(bundle, r.Grids);
        Assert.Empty(GridCoverageValidator.ValidateAll(bundle.Communities, r.Grids));
        Assert.All(r.Grids, g => Assert.True(g.Households is >= 300 and <= 500, $"grid {g.Code} has {g.Households} households — {context}"));
        Assert.Equal(r.Grids.Sum(g => (long)g.Households), now.Sum(h => (long)h.Households));
        // The lobe is cut off from A on the grid: each of its houses is in a grid of one piece that holds it (the houses may
        // go to different grids when no neighbour has room for all of them).
        Assert.All(lobe, h =>
        {
            var grid = r.Grids.Single(g => g.Buildings.Contains(h.Id));
            Assert.NotEqual(Village.Code + "001", grid.Code);
            Assert.IsType<Polygon>(grid.Boundary);
            Assert.True(grid.Boundary.Covers(h.Location), $"{h.Id} lies outside its grid {grid.Code} — {context}");
        });
    }
}

using GridGeo.Core.Geo;
using GridGeo.Core.Lookup;
using NetTopologySuite.Geometries;
using static GridGeo.Core.Tests.Lookup.LookupFixtures;

namespace GridGeo.Core.Tests.Lookup;

public class GridLocatorTests
{
    [Fact]
    public void Point_inside_one_grid_gets_that_grid()
    {
        var grids = Lattice(3, 0.01, seed: 1);
        var locator = GridLocator.Build(grids);
        foreach (var g in grids)
        {
            var inner = g.Boundary.InteriorPoint.Coordinate;
            Assert.Equal(g.Code, locator.Locate(inner.X, inner.Y)?.Code);
        }
    }

    [Fact]
    public void Point_outside_every_grid_gets_none()
    {
        var locator = GridLocator.Build(Lattice(3, 0.01, seed: 1));
        Assert.Null(locator.Locate(105.99, 26.015));
        Assert.Null(locator.Locate(106.015, 26.031));
        Assert.Null(locator.Locate(9.52, 47.14));
        Assert.Null(locator.Locate(double.NaN, 26.01));
        Assert.Equal(-1, locator.LocateIndex(106.01, double.NaN));
    }

    [Fact]
    public void An_empty_locator_answers_none()
    {
        Assert.Null(GridLocator.Empty.Locate(106, 26));
        Assert.Empty(GridLocator.Empty.Grids);
    }

    [Fact]
    public void Points_on_shared_edges_and_vertices_go_to_the_lowest_covering_code()
    {
        var grids = Lattice(3, 0.01, seed: 7);
        var locator = GridLocator.Build(grids);
        var checkedShared = 0;
        foreach (var g in grids)
        {
            var ring = ((Polygon)g.Boundary).Shell.Coordinates;
            for (var i = 0; i + 1 < ring.Length; i++)
            {
                // vertex, and the midpoint of an axis-parallel edge (exact in doubles on that edge's line)
                var a = ring[i];
                var b = ring[i + 1];
                var mid = a.X == b.X ? new Coordinate(a.X, (a.Y + b.Y) / 2) : new Coordinate((a.X + b.X) / 2, a.Y);
                foreach (var p in new[] { a, mid })
                {
                    var covering = grids.Where(x => x.Boundary.Covers(GeoFactory.Wgs84.CreatePoint(p))).Select(x => x.Code).ToList();
                    Assert.Contains(g.Code, covering);
                    var expected = covering.Min(StringComparer.Ordinal);
                    Assert.Equal(expected, locator.Locate(p.X, p.Y)?.Code);
                    if (covering.Count > 1) checkedShared++;
                }
            }
        }
        Assert.True(checkedShared > 20);
    }

    [Fact]
    public void The_centre_vertex_of_four_grids_goes_to_the_lowest_of_the_four_codes()
    {
        var grids = Lattice(2, 0.01, seed: 3);
        var locator = GridLocator.Build(grids);
        var centre = grids.Select(g => g.Boundary.Coordinates).Aggregate((a, b) => a.Intersect(b).ToArray()).Single();
        Assert.Equal(grids.Select(g => g.Code).Min(StringComparer.Ordinal), locator.Locate(centre.X, centre.Y)?.Code);
    }

    [Fact]
    public void A_MultiPolygon_grid_answers_for_each_part_and_not_between_them()
    {
        var exclave = GridOf(Code(2), "MULTIPOLYGON (((106 26, 106.01 26, 106.01 26.01, 106 26.01, 106 26)), ((106.05 26, 106.06 26, 106.06 26.01, 106.05 26.01, 106.05 26)))");
        var other = GridOf(Code(1), "POLYGON ((106.01 26, 106.03 26, 106.03 26.01, 106.01 26.01, 106.01 26))");
        var locator = GridLocator.Build([exclave, other]);
        Assert.Equal(exclave.Code, locator.Locate(106.005, 26.005)?.Code);
        Assert.Equal(exclave.Code, locator.Locate(106.055, 26.005)?.Code);
        Assert.Equal(other.Code, locator.Locate(106.02, 26.005)?.Code);
        Assert.Null(locator.Locate(106.04, 26.005));
        // The shared edge x = 106.01: code ...001 sorts before ...002.
        Assert.Equal(other.Code, locator.Locate(106.01, 26.005)?.Code);
    }

    [Fact]
    public void A_grid_with_a_hole_does_not_answer_inside_the_hole()
    {
        var ring = GridOf(Code(1), "POLYGON ((106 26, 106.03 26, 106.03 26.03, 106 26.03, 106 26), (106.01 26.01, 106.01 26.02, 106.02 26.02, 106.02 26.01, 106.01 26.01))");
        var island = GridOf(Code(2), "POLYGON ((106.01 26.01, 106.02 26.01, 106.02 26.02, 106.01 26.02, 106.01 26.01))");
        var holeOnly = GridLocator.Build([ring]);
        Assert.Null(holeOnly.Locate(106.015, 26.015));
        Assert.Equal(ring.Code, holeOnly.Locate(106.005, 26.015)?.Code);
        Assert.Equal(ring.Code, holeOnly.Locate(106.01, 26.015)?.Code);

        var both = GridLocator.Build([island, ring]);
        Assert.Equal(island.Code, both.Locate(106.015, 26.015)?.Code);
        Assert.Equal(ring.Code, both.Locate(106.01, 26.015)?.Code);
        Assert.Equal(ring.Code, both.Locate(106.025, 26.015)?.Code);
    }

    [Fact]
    public void Overlapping_grids_of_an_invalid_plan_still_answer_the_lowest_code()
    {
        var a = GridOf(Code(5), "POLYGON ((106 26, 106.02 26, 106.02 26.02, 106 26.02, 106 26))");
        var b = GridOf(Code(3), "POLYGON ((106.01 26.01, 106.03 26.01, 106.03 26.03, 106.01 26.03, 106.01 26.01))");
        var locator = GridLocator.Build([a, b]);
        Assert.Equal(b.Code, locator.Locate(106.015, 26.015)?.Code);
        Assert.Equal(a.Code, locator.Locate(106.005, 26.005)?.Code);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(16, 1024)]
    [InlineData(256, 1 << 22)]
    public void Agrees_with_brute_force_Covers_on_an_irregular_mesh(int cellsPerGrid, int minCells)
    {
        var grids = VoronoiMesh(sites: 150, seed: 11);
        var locator = GridLocator.Build(grids, new GridLocatorOptions { CellsPerGrid = cellsPerGrid, MinCells = minCells, MaxCells = 1 << 22 });
        var random = new Random(5);
        var points = new List<Coordinate>();
        for (var i = 0; i < 3000; i++) points.Add(new Coordinate(105.995 + random.NextDouble() * 0.11, 25.995 + random.NextDouble() * 0.11));
        foreach (var g in grids.Take(40))
        {
            var coords = g.Boundary.Coordinates;
            points.AddRange(coords);
            for (var i = 0; i + 1 < coords.Length; i++)
                points.Add(new Coordinate((coords[i].X + coords[i + 1].X) / 2, (coords[i].Y + coords[i + 1].Y) / 2));
        }
        foreach (var p in points)
            Assert.Equal(BruteForce(grids, p.X, p.Y), locator.Locate(p.X, p.Y)?.Code);
    }

    [Fact]
    public void Every_mesh_vertex_is_answered_by_a_grid_that_covers_it()
    {
        var grids = VoronoiMesh(sites: 80, seed: 2);
        var locator = GridLocator.Build(grids);
        foreach (var p in grids.SelectMany(g => g.Boundary.Coordinates))
        {
            var answer = locator.Locate(p.X, p.Y);
            Assert.NotNull(answer);
            Assert.True(answer.Boundary.Covers(GeoFactory.Wgs84.CreatePoint(p)));
        }
    }

    [Fact]
    public void Batch_answers_equal_single_answers_in_order()
    {
        var grids = VoronoiMesh(sites: 60, seed: 4);
        var locator = GridLocator.Build(grids);
        var random = new Random(9);
        var lons = Enumerable.Range(0, 2000).Select(_ => 105.99 + random.NextDouble() * 0.12).ToArray();
        var lats = Enumerable.Range(0, 2000).Select(_ => 25.99 + random.NextDouble() * 0.12).ToArray();
        var result = new int[lons.Length];
        locator.LocateIndexes(lons, lats, result);
        for (var i = 0; i < lons.Length; i++) Assert.Equal(locator.LocateIndex(lons[i], lats[i]), result[i]);
        var pairs = lons.Zip(lats, (x, y) => new LonLat(x, y)).ToArray();
        var result2 = new int[pairs.Length];
        locator.LocateIndexes(pairs, result2);
        Assert.Equal(result, result2);
    }

    [Fact]
    public void Grids_are_listed_in_code_order_and_indexes_point_into_that_list()
    {
        var grids = Lattice(3, 0.01, seed: 5);
        var locator = GridLocator.Build(grids);
        Assert.Equal(grids.Select(g => g.Code).OrderBy(c => c, StringComparer.Ordinal), locator.Grids.Select(g => g.Code));
        var g0 = locator.Grids[4].Boundary.InteriorPoint.Coordinate;
        Assert.Equal(4, locator.LocateIndex(g0.X, g0.Y));
    }

    [Fact]
    public void Locate_in_Gcj02_or_Bd09_finds_the_grid_of_the_Wgs84_point()
    {
        // 100 m squares: the GCJ-02 offset (hundreds of metres) moves a point several grids away.
        var grids = Lattice(15, 0.001, seed: 1);
        var locator = GridLocator.Build(grids);
        var target = grids[7 * 15 + 7];
        var p = target.Boundary.InteriorPoint.Coordinate;
        foreach (var system in new[] { CoordinateSystem.Gcj02, CoordinateSystem.Bd09 })
        {
            var shown = CoordinateConverter.FromWgs84(p.X, p.Y, system);
            Assert.NotEqual(target.Code, locator.Locate(shown.Lon, shown.Lat)?.Code);
            Assert.Equal(target.Code, locator.Locate(shown.Lon, shown.Lat, system)?.Code);
        }
    }

    [Fact]
    public void Duplicate_codes_and_non_areal_boundaries_are_refused()
    {
        var a = GridOf(Code(1), "POLYGON ((106 26, 106.01 26, 106.01 26.01, 106 26))");
        Assert.Throws<ArgumentException>(() => GridLocator.Build([a, a]));
        var line = GridOf(Code(2), "LINESTRING (106 26, 106.01 26)");
        Assert.Throws<ArgumentException>(() => GridLocator.Build([line]));
    }

    [Fact]
    public void Most_cells_are_answered_without_a_point_in_polygon_test()
    {
        var locator = GridLocator.Build(VoronoiMesh(sites: 150, seed: 11));
        Assert.True(locator.FullCellShare > 0.5, $"full cell share {locator.FullCellShare}");
    }
}

using GridGeo.Core.Coverage;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GridGeo.Core.Tests.Coverage;

/// <summary><see cref="GridOverlay"/> on small WKT fixtures in metres, on a 1 mm precision model.</summary>
public sealed class GridOverlayTests
{
    private static readonly GeometryFactory F = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(1000), 0);

    private static Geometry G(string wkt) => new WKTReader(NtsGeometryServices.Instance) { IsOldNtsCoordinateSyntaxAllowed = false }
        .Read(wkt) is var g ? F.CreateGeometry(g) : throw new InvalidOperationException();

    [Fact]
    public void A_valid_polygon_is_returned_as_it_is()
    {
        var square = G("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        Assert.Same(square, GridOverlay.Valid(square, F));
    }

    [Fact]
    public void A_bow_tie_keeps_both_loops_as_a_valid_polygonal_result()
    {
        // Buffer(0) keeps one loop of a bow-tie and drops the other; the even-odd rule keeps the area the ring encloses.
        var bowTie = G("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))");
        Assert.False(bowTie.IsValid);
        var valid = GridOverlay.Valid(bowTie, F);
        Assert.True(valid.IsValid);
        Assert.Equal(50, valid.Area, 6);
        Assert.Equal(2, valid.NumGeometries);
    }

    [Fact]
    public void A_ring_touching_itself_along_a_spike_loses_the_spike_and_keeps_its_area()
    {
        var spiked = G("POLYGON ((0 0, 10 0, 10 5, 15 5, 10 5, 10 10, 0 10, 0 0))");
        Assert.False(spiked.IsValid);
        var valid = GridOverlay.Valid(spiked, F);
        Assert.True(valid.IsValid);
        Assert.IsType<Polygon>(valid);
        Assert.Equal(100, valid.Area, 6);
    }

    [Fact]
    public void An_intersection_along_a_shared_edge_only_is_an_empty_polygon_not_a_line()
    {
        var a = G("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        var b = G("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))");
        var result = GridOverlay.Intersection(a, b, F.PrecisionModel);
        Assert.True(result.IsEmpty);
        Assert.IsType<Polygon>(result);
    }

    [Fact]
    public void A_difference_that_leaves_a_sliver_below_the_precision_drops_it()
    {
        var a = G("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        var almost = F.CreateGeometry(new WKTReader().Read("POLYGON ((-1 -1, 10.0004 -1, 10.0004 11, -1 11, -1 -1))"));
        var result = GridOverlay.Difference(a, almost, F.PrecisionModel);
        Assert.True(result.IsEmpty, result.AsText());
    }

    [Fact]
    public void Overlapping_shapes_union_into_one_valid_polygon_and_cells_of_a_coverage_dissolve_exactly()
    {
        var union = GridOverlay.Union([G("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"), G("POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))")], F);
        Assert.True(union.IsValid);
        Assert.IsType<Polygon>(union);
        Assert.Equal(175, union.Area, 6);

        var cells = new[] { (Polygon)G("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"), (Polygon)G("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 5, 10 0))") };
        var dissolved = GridOverlay.UnionCells(cells, F);
        Assert.IsType<Polygon>(dissolved);
        Assert.Equal(200, dissolved.Area, 6);
        Assert.True(dissolved.IsValid);
    }
}

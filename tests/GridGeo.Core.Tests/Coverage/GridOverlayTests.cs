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

    /// <summary>
    /// An invalid ring keeps the area it encloses by the even–odd rule: a bow-tie keeps both loops (Buffer(0) keeps one and
    /// drops the other), a spike along which the ring touches itself is dropped and the area stays.
    /// </summary>
    [Theory]
    [InlineData("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", 50, 2)]
    [InlineData("POLYGON ((0 0, 10 0, 10 5, 15 5, 10 5, 10 10, 0 10, 0 0))", 100, 1)]
    public void An_invalid_ring_becomes_the_valid_area_it_encloses(string wkt, double area, int parts)
    {
        var invalid = G(wkt);
        Assert.False(invalid.IsValid);
        var valid = GridOverlay.Valid(invalid, F);
        Assert.True(valid.IsValid, valid.AsText());
        Assert.Equal(area, valid.Area, 6);
        Assert.Equal(parts, valid.NumGeometries);
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

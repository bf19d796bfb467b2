using GridGeo.Core.Partitioning;
using GridGeo.IO.Bundles;

namespace GridGeo.IO.Tests.Layers;

/// <summary>
/// A district converted by ogr2ogr to shapefiles in a CGCS2000 Gauss-Krüger zone, or to one GeoPackage in CGCS2000,
/// partitions to exactly the grids its GeoJSON gives: same codes, same members, outlines within a centimetre.
/// </summary>
public class CrossFormatPartitionTests
{
    // Each district's GeoJSON partition is made once for the formats compared with it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IReadOnlyList<Core.Model.Grid>>> FromGeoJson = new();

    [Theory]
    [InlineData("sample", "shp", 4545)]
    [InlineData("sample", "gpkg", 4490)]
    // Liechtenstein (9.5°E) lies outside every CGCS2000 Gauss-Krüger band (75°–135°E): it goes through CGCS2000 lon/lat.
    [InlineData("liechtenstein", "shp", 4490)]
    [InlineData("liechtenstein", "gpkg", 4490)]
    public void Partitions_to_the_same_grids_as_from_GeoJSON(string district, string format, int epsg)
    {
        var source = district == "sample" ? Path.Combine(RepoPaths.Root, "data", "sample") : RepoPaths.SharedFolder("realdata", "liechtenstein");
        var dir = format == "shp" ? Gdal.ToShapefiles(source, epsg) : Gdal.ToGeoPackage(source, epsg);
        try
        {
            var expected = FromGeoJson.GetOrAdd(source, s => new Lazy<IReadOnlyList<Core.Model.Grid>>(() =>
                GridPartitioner.Partition(BundleReader.Read(s), new PartitionOptions()).Grids)).Value;
            var actual = GridPartitioner.Partition(BundleReader.Read(dir), new PartitionOptions()).Grids;
            Assert.Equal(expected.Select(g => g.Code), actual.Select(g => g.Code));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Buildings, actual[i].Buildings);
                Assert.Equal(expected[i].Households, actual[i].Households);
                // Coordinates come back from the projection within 1 cm and are snapped to the 1e-7° grid (~1 cm): an outline
                // may differ by a grid step or two at a vertex, never more.
                var apart = NetTopologySuite.Algorithm.Distance.DiscreteHausdorffDistance.Distance(expected[i].Boundary, actual[i].Boundary);
                Assert.True(apart < 3e-7, $"grid {expected[i].Code}'s outline moved by {apart:G3}°");
            }
        }
        finally { Gdal.Delete(dir); }
    }
}

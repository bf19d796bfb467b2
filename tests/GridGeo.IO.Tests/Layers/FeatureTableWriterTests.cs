using System.Text.Json;
using GridGeo.Core.Geo.Crs;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.IO.Bundles;
using GridGeo.IO.Csv;
using GridGeo.IO.GeoJson;
using GridGeo.IO.Layers;
using NetTopologySuite.Algorithm.Distance;

namespace GridGeo.IO.Tests.Layers;

/// <summary>
/// Grids written as a GeoPackage and as a shapefile, in a Gauss-Krüger zone and in CGCS2000, read back (by GridGeo's
/// readers) as the same grids — codes, figures, member lists, outlines within a centimetre — and GDAL's ogrinfo reads
/// them with their CRS and Chinese text.
/// </summary>
public class FeatureTableWriterTests
{
    private static readonly string[] GridProperties = ["code", "community_code", "kind", "dedicated_kind", "households", "buildings"];

    private static readonly Lazy<IReadOnlyList<Grid>> SampleGrids = new(() =>
        GridPartitioner.Partition(BundleReader.Read(Path.Combine(RepoPaths.Root, "data", "sample")), new PartitionOptions()).Grids);

    private static object?[] Values(Grid g) => [g.Code, g.CommunityCode, g.Kind, g.DedicatedKind, g.Households, g.Buildings.ToArray()];

    private static void AssertSameGrids(IReadOnlyList<Grid> grids, IReadOnlyList<FeatureRecord> read, Func<FeatureRecord, IReadOnlyList<string>> buildings)
    {
        Assert.Equal(grids.Select(g => g.Code), read.Select(f => f.RequiredString("code")));
        for (var i = 0; i < grids.Count; i++)
        {
            var f = read[i];
            Assert.Equal(grids[i].CommunityCode, f.RequiredString("community_code"));
            Assert.Equal(grids[i].Kind, f.RequiredString("kind"));
            Assert.Equal(grids[i].DedicatedKind, f.OptionalString("dedicated_kind"));
            Assert.Equal(grids[i].Households, f.OptionalInt("households"));
            Assert.Equal(grids[i].Buildings, buildings(f));
            Assert.True(grids[i].Boundary.SymmetricDifference(f.Geometry).Area < 1e-12, $"grid {grids[i].Code}'s outline moved");
            Assert.True(DiscreteHausdorffDistance.Distance(grids[i].Boundary, f.Geometry) < 1e-7, $"grid {grids[i].Code}: a vertex moved by more than 1 cm");
        }
    }

    [Theory]
    [InlineData(4545)]
    [InlineData(4490)]
    public void Grids_round_trip_through_a_GeoPackage(int epsg)
    {
        var grids = SampleGrids.Value;
        var dir = Directory.CreateTempSubdirectory("gridgeo-gpkg-out-").FullName;
        try
        {
            var path = Path.Combine(dir, "grids.gpkg");
            using (var writer = new GeoPackageFeatureWriter(path, "grids", GridProperties, ReferenceSystems.Find(epsg)!))
            {
                foreach (var g in grids) writer.Write(g.Boundary, Values(g));
                writer.Complete();
            }
            var read = GeoPackageLayerReader.Read(path, "grids", null);
            Assert.Equal(epsg, read.System!.Epsg);
            AssertSameGrids(grids, read.Features, f => JsonSerializer.Deserialize<string[]>(f.RequiredString("buildings"))!);

            var info = Gdal.Run("ogrinfo", "-ro", "-so", path, "grids");
            Assert.Contains($"Feature Count: {grids.Count}", info);
            Assert.Contains($"ID[\"EPSG\",{epsg}]", info);
            Assert.Contains("households: Integer", info);
        }
        finally { Gdal.Delete(dir); }
    }

    [Theory]
    [InlineData(4545)]
    [InlineData(4524)]
    [InlineData(4490)]
    public void Grids_round_trip_through_a_shapefile_with_member_lists_beside_it(int epsg)
    {
        var grids = SampleGrids.Value;
        var dir = Directory.CreateTempSubdirectory("gridgeo-shp-out-").FullName;
        try
        {
            using (var writer = new ShapefileFeatureWriter(dir, "grids", GridProperties, ReferenceSystems.Find(epsg)!))
            {
                foreach (var g in grids) writer.Write(g.Boundary, Values(g));
                writer.Complete();
            }
            Assert.Equal("UTF-8", File.ReadAllText(Path.Combine(dir, "grids.cpg")));
            var read = ShapefileLayerReader.Read(Path.Combine(dir, "grids.shp"), null);
            Assert.Equal(epsg, read.System!.Epsg);
            var members = File.ReadLines(Path.Combine(dir, "grids_buildings.csv")).Skip(1).Select(CsvLine.Split)
                .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Select(r => r[1]).ToList());
            AssertSameGrids(grids, read.Features, f => members.GetValueOrDefault(f.RequiredString("code")) ?? []);
            Assert.All(read.Features, f => Assert.Equal(members.GetValueOrDefault(f.RequiredString("code"))?.Count ?? 0, f.OptionalInt(LayerAttributes.DbfName("n_buildings"))));

            var info = Gdal.Run("ogrinfo", "-ro", "-so", Path.Combine(dir, "grids.shp"), "grids");
            Assert.Contains($"Feature Count: {grids.Count}", info);
            Assert.Contains($"ID[\"EPSG\",{epsg}]", info);
            Assert.Contains("comm_code: String", info);
        }
        finally { Gdal.Delete(dir); }
    }

    [Fact]
    public void Chinese_names_are_intact_for_GDAL_in_both_formats()
    {
        var communities = BundleReader.Read(Path.Combine(RepoPaths.Root, "data", "sample")).Communities;
        var dir = Directory.CreateTempSubdirectory("gridgeo-names-").FullName;
        try
        {
            string[] properties = ["code", "name", "street_code"];
            using (var shp = new ShapefileFeatureWriter(dir, "communities", properties, ReferenceSystems.Find(4545)!))
            using (var gpkg = new GeoPackageFeatureWriter(Path.Combine(dir, "communities.gpkg"), "communities", properties, ReferenceSystems.Find(4545)!))
            {
                foreach (var c in communities)
                {
                    shp.Write(c.Boundary, [c.Code, c.Name, c.StreetCode]);
                    gpkg.Write(c.Boundary, [c.Code, c.Name, c.StreetCode]);
                }
                shp.Complete();
                gpkg.Complete();
            }
            foreach (var file in new[] { "communities.shp", "communities.gpkg" })
            {
                var all = Gdal.Run("ogrinfo", "-ro", "-al", "-geom=NO", Path.Combine(dir, file));
                foreach (var c in communities) Assert.Contains($"= {c.Name}", all);
            }
            // A GridGeo shapefile is a bundle layer again: short dBASE names read back as the contract's.
            var back = ShapefileLayerReader.Read(Path.Combine(dir, "communities.shp"), null).Features;
            Assert.Equal(communities.Select(c => (c.Code, c.Name, c.StreetCode)),
                back.Select(f => (f.RequiredString("code"), f.RequiredString("name"), f.RequiredString("street_code"))));
        }
        finally { Gdal.Delete(dir); }
    }
}

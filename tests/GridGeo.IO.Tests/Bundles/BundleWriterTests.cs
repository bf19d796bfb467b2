using GridGeo.Core.Generation;
using GridGeo.Core.Model;
using GridGeo.IO.Bundles;
using GridGeo.IO.Csv;

namespace GridGeo.IO.Tests.Bundles;

public sealed class BundleWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gridgeo-writer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void A_generated_bundle_survives_the_round_trip_through_the_reader()
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 8_000, HouseholdsPerCommunity = 1_000, Seed = 3 });
        var dir = Path.Combine(_root, "a");
        BundleWriter.Write(dir, bundle);
        var read = BundleReader.Read(dir);

        Assert.Contains(bundle.Communities, c => c.Boundary is NetTopologySuite.Geometries.MultiPolygon);
        Assert.Contains(bundle.Communities, c => c.Boundary is NetTopologySuite.Geometries.Polygon { NumInteriorRings: > 0 });
        Assert.Equal(bundle.Communities.Select(c => (c.Code, c.Name, c.StreetCode)), read.Communities.Select(c => (c.Code, c.Name, c.StreetCode)));
        foreach (var (written, back) in bundle.Communities.Zip(read.Communities))
        {
            Assert.True(back.Boundary.IsValid);
            Assert.Equal(written.Boundary.GeometryType, back.Boundary.GeometryType);
            Assert.True(written.Boundary.EqualsExact(back.Boundary), $"community {written.Code} changed in the round trip");
        }
        Assert.Equal(bundle.Buildings.Count, read.Buildings.Count);
        foreach (var (written, back) in bundle.Buildings.Zip(read.Buildings))
        {
            Assert.Equal((written.Id, written.Households, written.Units, written.Floors, written.CompoundId, written.CommunityCode, written.DedicatedId, written.Address),
                (back.Id, back.Households, back.Units, back.Floors, back.CompoundId, back.CommunityCode, back.DedicatedId, back.Address));
            Assert.Equal(written.Location.X, back.Location.X);
            Assert.Equal(written.Location.Y, back.Location.Y);
        }
        Assert.Equal(bundle.Households!.Select(h => (h.Id, h.BuildingId, h.Unit, h.Floor, h.Room, h.Address)),
            read.Households!.Select(h => (h.Id, h.BuildingId, h.Unit, h.Floor, h.Room, h.Address)));
        Assert.Equal(bundle.TotalHouseholds, read.TotalHouseholds);
        Assert.Equal(bundle.CompoundList.Select(c => (c.Id, c.Name, c.CommunityCode)), read.CompoundList.Select(c => (c.Id, c.Name, c.CommunityCode)));
        Assert.Equal(bundle.DedicatedList.Select(d => (d.Id, d.Kind, d.Name, d.CommunityCode)), read.DedicatedList.Select(d => (d.Id, d.Kind, d.Name, d.CommunityCode)));
        Assert.Equal(bundle.BarrierList.Select(b => (b.Kind, b.Line.NumPoints)), read.BarrierList.Select(b => (b.Kind, b.Line.NumPoints)));
    }

    [Fact]
    public void The_same_seed_writes_byte_identical_files()
    {
        var options = new DistrictGeneratorOptions { Households = 5_000, Seed = 11 };
        BundleWriter.Write(Path.Combine(_root, "a"), DistrictGenerator.Generate(options));
        BundleWriter.Write(Path.Combine(_root, "b"), DistrictGenerator.Generate(options));
        var files = Directory.GetFiles(Path.Combine(_root, "a")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(6, files.Count);
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", file!)), File.ReadAllBytes(Path.Combine(_root, "b", file!)));
    }

    [Fact]
    public void Households_csv_has_the_contract_header_and_quotes_by_rfc_4180()
    {
        var building = new Building("b,1", GridGeo.Core.Geo.GeoFactory.Wgs84.CreatePoint(new NetTopologySuite.Geometries.Coordinate(106.5, 27.5)), 1);
        var path = Path.Combine(_root, "h.csv");
        Directory.CreateDirectory(_root);
        BundleWriter.WriteHouseholds(path, [new Household("h\"1", building.Id, 1, 2, "201", 106.123456789, 27.5, "幸福路1号,2栋")]);
        var lines = File.ReadAllLines(path);
        Assert.Equal("id,building_id,unit,floor,room,lon,lat,address", lines[0]);
        Assert.Equal(["h\"1", "b,1", "1", "2", "201", "106.1234568", "27.5", "幸福路1号,2栋"], CsvLine.Split(lines[1]));
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void Without_household_rows_no_households_csv_is_written_and_counts_come_from_buildings()
    {
        var bundle = DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 3_000, Seed = 5, IncludeHouseholds = false });
        var dir = Path.Combine(_root, "c");
        BundleWriter.Write(dir, bundle);
        Assert.False(File.Exists(Path.Combine(dir, BundleReader.HouseholdsFile)));
        var read = BundleReader.Read(dir);
        Assert.Null(read.Households);
        Assert.Equal(bundle.TotalHouseholds, read.TotalHouseholds);
    }
}

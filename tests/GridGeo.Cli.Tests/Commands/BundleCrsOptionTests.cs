using System.CommandLine;
using GridGeo.Cli.Commands;
using GridGeo.IO.Tests;

namespace GridGeo.Cli.Tests.Commands;

/// <summary>
/// Every command that takes <c>--data</c> reads shapefiles, and <c>--crs</c> names the system of layers that declare none:
/// the sample district as EPSG:4545 shapefiles without their .prj is refused without <c>--crs</c> and partitions, with
/// it, to the very plan file the GeoJSON gives.
/// </summary>
[Collection("Console")]
public sealed class BundleCrsOptionTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("gridgeo-crs-").FullName;
    private readonly string _shapefiles;

    public BundleCrsOptionTests()
    {
        _shapefiles = Gdal.ToShapefiles(Path.Combine(RepoPaths.Root, "data", "sample"), 4545);
        foreach (var prj in Directory.GetFiles(_shapefiles, "*.prj")) File.Delete(prj);
    }

    public void Dispose()
    {
        Gdal.Delete(_out);
        Gdal.Delete(_shapefiles);
    }

    private static async Task<(int Exit, string Err)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var err = new StringWriter();
        Console.SetOut(new StringWriter());
        Console.SetError(err);
        try { return (await CliRunner.RunAsync(root, args), err.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public async Task Without_crs_the_layer_is_refused_and_with_it_the_plan_is_the_GeoJSON_plan()
    {
        var (exit, err) = await Run("validate", "--data", _shapefiles);
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains("communities.shp", err);
        Assert.Contains("--crs", err);

        Assert.Equal(CliRunner.BadInput, (await Run("validate", "--data", _shapefiles, "--crs", "EPSG:3857")).Exit);
        Assert.Equal(CliRunner.Ok, (await Run("validate", "--data", _shapefiles, "--crs", "EPSG:4545")).Exit);

        var fromShp = Path.Combine(_out, "shp.geojson");
        var fromJson = Path.Combine(_out, "json.geojson");
        Assert.Equal(CliRunner.Ok, (await Run("partition", "--data", _shapefiles, "--crs", "EPSG:4545", "--out", fromShp)).Exit);
        Assert.Equal(CliRunner.Ok, (await Run("partition", "--data", Path.Combine(RepoPaths.Root, "data", "sample"), "--out", fromJson)).Exit);
        // The same grids: codes, members, households; outlines within the 1e-7° grid the coordinates are snapped to (the
        // projection round-trips within 1 cm, so a vertex may land one grid step away).
        var expected = GridGeo.IO.Plans.GridPlanFile.Read(fromJson);
        var actual = GridGeo.IO.Plans.GridPlanFile.Read(fromShp);
        Assert.Equal(expected.Select(g => g.Code), actual.Select(g => g.Code));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Buildings, actual[i].Buildings);
            Assert.Equal(expected[i].Households, actual[i].Households);
            Assert.True(NetTopologySuite.Algorithm.Distance.DiscreteHausdorffDistance.Distance(expected[i].Boundary, actual[i].Boundary) < 3e-7,
                $"grid {expected[i].Code}'s outline moved");
        }
    }
}

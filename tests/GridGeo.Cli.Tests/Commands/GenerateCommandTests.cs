using System.CommandLine;
using GridGeo.Cli;
using GridGeo.Cli.Commands;
using GridGeo.IO.Bundles;

namespace GridGeo.Cli.Tests.Commands;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-generate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<int> Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        return CliRunner.RunAsync(root, args);
    }

    [Fact]
    public async Task Generate_writes_a_bundle_the_reader_accepts()
    {
        var output = Path.Combine(_dir, "a");
        Assert.Equal(CliRunner.Ok, await Run("generate", "--out", output, "--households", "4000", "--seed", "9", "--county", "430102"));
        var bundle = BundleReader.Read(output);
        Assert.InRange(bundle.TotalHouseholds, 3_920, 4_080);
        Assert.Equal(bundle.TotalHouseholds, bundle.Households!.Count);
        Assert.All(bundle.Communities, c => Assert.StartsWith("430102", c.Code));
    }

    [Fact]
    public async Task Without_the_households_csv_the_counts_are_on_the_buildings()
    {
        var output = Path.Combine(_dir, "b");
        Assert.Equal(CliRunner.Ok, await Run("generate", "--out", output, "--households", "3000", "--no-households-csv"));
        Assert.False(File.Exists(Path.Combine(output, BundleReader.HouseholdsFile)));
        Assert.InRange(BundleReader.Read(output).TotalHouseholds, 2_940, 3_060);
    }

    [Fact]
    public async Task A_bad_county_code_is_bad_input()
    {
        Assert.Equal(CliRunner.BadInput, await Run("generate", "--out", Path.Combine(_dir, "c"), "--county", "52A"));
        Assert.Equal(CliRunner.BadInput, await Run("generate", "--out", Path.Combine(_dir, "d"), "--households", "0"));
    }

    [Fact]
    public async Task A_bad_centre_or_too_many_counties_is_bad_input()
    {
        Assert.Equal(CliRunner.BadInput, await Run("generate", "--out", Path.Combine(_dir, "e"), "--center", "106.9"));
        Assert.Equal(CliRunner.BadInput, await Run("generate", "--out", Path.Combine(_dir, "f"), "--center", "200,27"));
        Assert.Equal(CliRunner.BadInput, await Run("generate", "--out", Path.Combine(_dir, "g"), "--counties", "3", "--county", "520398"));
        Assert.False(Directory.Exists(Path.Combine(_dir, "g")));
    }

    [Fact]
    public async Task A_centre_moves_the_district()
    {
        var output = Path.Combine(_dir, "h");
        Assert.Equal(CliRunner.Ok, await Run("generate", "--out", output, "--households", "2000", "--center", "113.0,28.2"));
        var extent = new NetTopologySuite.Geometries.Envelope();
        foreach (var c in BundleReader.Read(output).Communities) extent.ExpandToInclude(c.Boundary.EnvelopeInternal);
        Assert.True(extent.Contains(113.0, 28.2), $"the district {extent} does not hold its centre");
    }
}

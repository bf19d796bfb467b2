using System.CommandLine;
using System.Globalization;
using GridGeo.Cli;
using GridGeo.Cli.Commands;
using GridGeo.IO.Plans;

namespace GridGeo.Cli.Tests.Commands;

public sealed class LiaisonCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-liaison-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<int> Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        return CliRunner.RunAsync(root, args);
    }

    /// <summary>A community square with a tower (2 stair units × 33 floors × 4), a walk-up and 12 houses; one grid over it all.</summary>
    private void WriteBundleAndPlan()
    {
        const string square = "[[[106.70,26.50],[106.71,26.50],[106.71,26.51],[106.70,26.51],[106.70,26.50]]]";
        File.WriteAllText(Path.Combine(_dir, "communities.geojson"), $$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":{{{square}}}},
             "properties":{"code":"520321001001","name":"Test","street_code":"520321001"}}]}
            """);
        var buildings = new List<string>
        {
            """{"type":"Feature","geometry":{"type":"Point","coordinates":[106.702,26.502]},"properties":{"id":"T1","households":264,"units":2,"floors":33}}""",
            """{"type":"Feature","geometry":{"type":"Point","coordinates":[106.704,26.502]},"properties":{"id":"W1","households":36,"units":3,"floors":6}}""",
        };
        for (var i = 0; i < 12; i++)
        {
            var lon = (106.706 + i * 0.0002).ToString(CultureInfo.InvariantCulture);
            buildings.Add($$$"""{"type":"Feature","geometry":{"type":"Point","coordinates":[{{{lon}}},26.508]},"properties":{"id":"H{{{i}}}","households":1}}""");
        }
        File.WriteAllText(Path.Combine(_dir, "buildings.geojson"), $$$"""{"type":"FeatureCollection","features":[{{{string.Join(",", buildings)}}}]}""");
        File.WriteAllText(Path.Combine(_dir, "grids.geojson"), $$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":{{{square}}}},
             "properties":{"code":"520321001001001","community_code":"520321001001","kind":"basic","households":312,"buildings":["T1","W1"]}}]}
            """);
    }

    [Fact]
    public async Task Writes_liaison_units_for_every_household_of_the_plan()
    {
        WriteBundleAndPlan();
        var output = Path.Combine(_dir, "liaison_units.geojson");

        var code = await Run("liaison", "--data", _dir, "--grids", Path.Combine(_dir, "grids.geojson"), "--out", output);

        Assert.Equal(CliRunner.Ok, code);
        var units = LiaisonUnitFile.Read(output);
        Assert.Equal(312, units.Sum(u => u.Households));
        Assert.Equal(312, units.SelectMany(u => u.Members).Distinct().Count());
        Assert.All(units, u => Assert.InRange(u.Households, 20, 40));
        Assert.All(units, u => Assert.StartsWith("520321001001001", u.Code, StringComparison.Ordinal));
        Assert.Contains(units.SelectMany(u => u.Members), m => m == "T1-2-33-4");
    }

    [Fact]
    public async Task The_ten_preset_and_explicit_bounds_set_the_sizes()
    {
        WriteBundleAndPlan();
        var output = Path.Combine(_dir, "ten.geojson");

        Assert.Equal(CliRunner.Ok, await Run("liaison", "--data", _dir, "--grids", Path.Combine(_dir, "grids.geojson"), "--out", output, "--preset", "ten"));
        Assert.All(LiaisonUnitFile.Read(output), u => Assert.InRange(u.Households, 8, 12));

        Assert.Equal(CliRunner.Ok, await Run("liaison", "--data", _dir, "--grids", Path.Combine(_dir, "grids.geojson"), "--out", output, "--target", "50", "--min", "40", "--max", "60"));
        Assert.All(LiaisonUnitFile.Read(output), u => Assert.InRange(u.Households, 40, 60));
    }

    [Theory]
    [InlineData("--max", "120")]
    [InlineData("--min", "35")]
    [InlineData("--preset", "twelve")]
    public async Task Bad_sizes_are_bad_input_and_write_nothing(string option, string value)
    {
        WriteBundleAndPlan();
        var output = Path.Combine(_dir, "bad.geojson");

        var code = await Run("liaison", "--data", _dir, "--grids", Path.Combine(_dir, "grids.geojson"), "--out", output, option, value);

        Assert.Equal(CliRunner.BadInput, code);
        Assert.False(File.Exists(output));
    }
}

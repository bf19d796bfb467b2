using GridGeo.Core.Generation;
using GridGeo.Core.Linking;
using GridGeo.Core.Tests.Partitioning;
using GridGeo.IO.Bundles;
using GridGeo.IO.Tests;
using Xunit.Abstractions;

namespace GridGeo.Core.Tests.Coverage;

/// <summary>
/// The plan gate under attack (<see cref="GeometryTorture"/>): generated districts of several shapes × random population
/// shifts × random edit sequences, and the real Liechtenstein bundle. Every partition, rebalance and accepted edit must pass
/// <see cref="Core.Coverage.GridCoverageValidator"/>, and the liaison units planned for them the liaison gate. <c>GRIDGEO_GEOMETRY_CASES</c> raises the number of districts
/// (scripts/soak-geometry.sh); <c>GRIDGEO_GEOMETRY_REPORT</c> names a file the tally is appended to.
/// </summary>
public sealed class GeometryGatePropertyTests(ITestOutputHelper output)
{
    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("GRIDGEO_GEOMETRY_CASES"), out var n) && n > 0 ? n : 1;
    private static int SeedBase => int.TryParse(Environment.GetEnvironmentVariable("GRIDGEO_GEOMETRY_SEED"), out var n) ? n : 0;

    [Fact]
    public void Generated_districts_shifted_and_edited_at_random_always_pass_the_gate()
    {
        var tally = new GeometryTorture.Tally();
        for (var i = 0; i < 4 * Scale; i++)
        {
            var seed = SeedBase + 100 + i;
            var bundle = BundleLinker.Link(DistrictGenerator.Generate(new DistrictGeneratorOptions
            {
                Households = 2_500 + seed % 5 * 700,
                HouseholdsPerCommunity = 1_200 + seed % 3 * 400,
                Seed = seed,
                CenterLat = 22 + seed % 7 * 4,
                CenterLon = 100 + seed % 11,
                IncludeHouseholds = false,
            }));
            new GeometryTorture(new Random(seed)).Run(bundle, tally, edits: 14, communities: 3);
        }
        Report("generated", tally);
    }

    [Fact]
    public void Hand_drawn_districts_with_exclaves_rivers_and_dedicated_areas_pass_the_gate()
    {
        var tally = new GeometryTorture.Tally();
        for (var i = 0; i < 3 * Scale; i++)
        {
            var seed = SeedBase + 7 + i;
            new GeometryTorture(new Random(seed)).Run(TestDistricts.Generated(seed), tally, edits: 12, communities: 3);
        }
        Report("test districts", tally);
    }

    [Fact]
    public void The_Liechtenstein_bundle_shifted_and_edited_at_random_passes_the_gate()
    {
        var bundle = BundleReader.Read(RepoPaths.SharedFolder("realdata", "liechtenstein"));
        var tally = new GeometryTorture.Tally();
        for (var i = 0; i < Scale; i++)
            new GeometryTorture(new Random(SeedBase + 31 + i)).Run(bundle, tally, edits: 10, communities: 4);
        Report("liechtenstein", tally);
    }

    private void Report(string what, GeometryTorture.Tally tally)
    {
        var line = $"{what}: {tally.Cases} cases, {tally.FailureCount} gate failures — {tally}";
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("GRIDGEO_GEOMETRY_REPORT") is { Length: > 0 } path)
        {
            lock (typeof(GeometryGatePropertyTests)) File.AppendAllText(path, line + Environment.NewLine);
        }
        Assert.True(tally.FailureCount == 0, $"{line}\n" + string.Join("\n", tally.Failures.Take(20)));
    }
}

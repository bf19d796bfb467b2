using System.CommandLine;
using GridGeo.Cli;
using GridGeo.Cli.Commands;
using GridGeo.Core.Coverage;
using GridGeo.Core.Generation;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.IO.Bundles;
using GridGeo.IO.Plans;
using NetTopologySuite.Algorithm.Distance;

namespace GridGeo.Cli.Tests.Commands;

/// <summary>
/// <c>rebalance --data DIR --grids current.geojson --out new.geojson</c> on a generated district of three communities whose
/// population shifted (<see cref="PopulationShift"/>) after it was partitioned.
/// </summary>
[Collection("Console")]
public sealed class RebalanceCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-rebalance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        var previous = Console.Out;
        var text = new StringWriter();
        Console.SetOut(text);
        try
        {
            return (await CliRunner.RunAsync(root, args), text.ToString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }

    private (IReadOnlyList<Grid> Current, DistrictBundle Shifted, string Plan) ShiftedDistrict()
    {
        var district = PopulationShift.WithoutHouseholdRows(DistrictGenerator.Generate(new DistrictGeneratorOptions
            { Households = 4200, HouseholdsPerCommunity = 1400, Seed = 3, IncludeHouseholds = false }));
        var current = GridPartitioner.Partition(district, new PartitionOptions()).Grids;
        var shifted = PopulationShift.Apply(district, seed: 2).Bundle;
        BundleWriter.Write(_dir, shifted);
        var plan = Path.Combine(_dir, "current.geojson");
        GridPlanFile.Write(plan, current);
        return (current, shifted, plan);
    }

    [Fact]
    public async Task Repairs_the_plan_keeps_a_locked_grid_and_prints_the_summary_table()
    {
        var (current, shifted, plan) = ShiftedDistrict();
        var locked = current.Where(g => g.Kind == GridKinds.Basic).Select(g => g.Code).Order(StringComparer.Ordinal).Last();
        var output = Path.Combine(_dir, "new.geojson");

        var (code, text) = await Run("rebalance", "--data", _dir, "--grids", plan, "--out", output, "--locked", locked);

        Assert.Equal(CliRunner.Ok, code);
        Assert.Matches(@"households moved: \d+", text);
        Assert.Matches(@"grids changed: \d+, created: [1-9]\d*, retired: \d+", text);
        // The shift takes grids out of bounds: every order of the rules is computed and the summary says which one was kept.
        Assert.Matches(@"choice: community \d{12}: (neighbours-first|recut-first|merge-first|search-first) kept \(households moved: neighbours-first \d+, recut-first \d+, merge-first \d+, search-first \d+\): \S", text);
        var rebalanced = GridPlanFile.Read(output);
        Assert.Equal(shifted.Buildings.Where(b => b.CommunityCode is not null).Sum(b => (long)b.Households), rebalanced.Sum(g => (long)g.Households));
        var kept = rebalanced.Single(g => g.Code == locked);
        var old = GridPlanFile.Read(plan).Single(g => g.Code == locked); // as written to the file: 7 decimals
        // Bit-identical, except that where a changed neighbour's new edge ends on the locked grid's edge that junction
        // becomes a vertex of both (on the 7-decimal grid): the outline then moves by at most one 1e-7° step.
        Assert.True(old.Boundary.EqualsExact(kept.Boundary)
            || DiscreteHausdorffDistance.Distance(old.Boundary.Boundary, kept.Boundary.Boundary) <= GridCoverageValidator.SnapTolerance,
            "the locked grid changed its geometry");
        Assert.All(kept.Buildings, b => Assert.Contains(b, old.Buildings)); // demolished buildings leave; none joins
        Assert.Empty(GridCoverageValidator.ValidateAll(shifted.Communities, rebalanced));
        Assert.Equal(rebalanced.Count, rebalanced.Select(g => g.Code).Distinct().Count());
        Assert.All(rebalanced.Where(g => g.Kind == GridKinds.Basic && g.Code != locked), g => Assert.InRange(g.Households, 300, 500));
    }

    [Fact]
    public async Task A_locked_code_that_is_not_in_the_plan_is_bad_input_and_writes_nothing()
    {
        var (_, _, plan) = ShiftedDistrict();
        var output = Path.Combine(_dir, "new.geojson");

        var (code, _) = await Run("rebalance", "--data", _dir, "--grids", plan, "--out", output, "--locked", "520321999999001");

        Assert.Equal(CliRunner.BadInput, code);
        Assert.False(File.Exists(output));
    }
}

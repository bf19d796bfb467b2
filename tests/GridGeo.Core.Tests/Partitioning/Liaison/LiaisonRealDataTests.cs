using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Liaison;
using GridGeo.IO.Bundles;
using GridGeo.IO.Tests;
using Xunit.Abstractions;

namespace GridGeo.Core.Tests.Partitioning.Liaison;

/// <summary>Liaison units on the real Liechtenstein district (OpenStreetMap: villages, irregular grids, exclaves), both presets.</summary>
public sealed class LiaisonRealDataTests(ITestOutputHelper output)
{
    [Fact]
    public void On_Liechtenstein_the_plan_is_valid_and_buildings_stand_in_their_units()
    {
        var bundle = BundleReader.Read(RepoPaths.SharedFolder("realdata", "liechtenstein"));
        var grids = GridPartitioner.Partition(bundle, new PartitionOptions { Min = 300, Max = 500, Seed = 1 }).Grids;
        foreach (var options in new[] { LiaisonOptions.Default, LiaisonOptions.TenHouseholds })
        {
            var plan = LiaisonUnitPlanner.Plan(bundle, grids, options);
            LiaisonPlanChecks.AssertValid(plan, bundle, grids, options);
            var (whole, outside) = LiaisonPlanChecks.AssertBuildingsStandInTheirUnits(plan, bundle, options);
            output.WriteLine($"preset {options.Target}: {plan.Units.Count} units; {outside} of {whole} households of buildings whole in one unit stand outside it ({(double)outside / whole:P2}), each kept out by the bounds");
        }
    }
}

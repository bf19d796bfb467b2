using GridGeo.Core.Coverage;
using GridGeo.Core.Generation;
using GridGeo.Core.Linking;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;
using GridGeo.Core.Partitioning.Rebalancing;
using GridGeo.IO.Bundles;
using GridGeo.IO.Plans;

namespace GridGeo.IO.Tests.Plans;

/// <summary>
/// Write → read → validate: a plan the engine made, written by <see cref="GridPlanFile"/> and read back, is the same plan
/// (every outline bit-identical, vertex for vertex) and passes both the plan gate (<see cref="GridCoverageValidator"/>) and
/// the plan-import validator, so an exported plan can always be re-imported. On the real Liechtenstein bundle (exclaves,
/// irregular boundaries), on a generated district and on a rebalanced plan.
/// </summary>
public sealed class GridPlanFileRoundTripTests
{
    [Fact]
    public void The_Liechtenstein_plan_written_and_read_back_is_the_same_plan_and_passes_the_gate_and_import()
    {
        var bundle = BundleReader.Read(RepoPaths.SharedFolder("realdata", "liechtenstein"));
        var grids = GridPartitioner.Partition(bundle, new PartitionOptions()).Grids;
        RoundTrip(bundle, grids);
    }

    [Fact]
    public void A_generated_plan_and_its_rebalance_written_and_read_back_are_the_same_plans_and_pass_the_gate_and_import()
    {
        var bundle = BundleLinker.Link(DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = 10_000, Seed = 5 }));
        var options = new PartitionOptions { Seed = 2 };
        var grids = GridPartitioner.Partition(bundle, options).Grids;
        var read = RoundTrip(bundle, grids);

        var shift = PopulationShift.Apply(bundle, seed: 3);
        var rebalanced = GridRebalancer.Rebalance(shift.Bundle, read, new HashSet<string>(), options).Grids;
        RoundTrip(shift.Bundle, rebalanced);
    }

    private static IReadOnlyList<Grid> RoundTrip(DistrictBundle bundle, IReadOnlyList<Grid> grids)
    {
        Assert.Empty(GridCoverageValidator.ValidateAll(bundle.Communities, grids));
        using var stream = new MemoryStream();
        GridPlanFile.Write(stream, grids);
        var path = Path.Combine(Path.GetTempPath(), $"gridgeo-roundtrip-{Guid.NewGuid():N}.geojson");
        try
        {
            File.WriteAllBytes(path, stream.ToArray());
            var read = GridPlanFile.Read(path);
            Assert.Equal(grids.Count, read.Count);
            var byCode = read.ToDictionary(g => g.Code);
            foreach (var g in grids)
            {
                var back = byCode[g.Code];
                Assert.True(GridOutlines.SameShape(g.Boundary, back.Boundary), $"grid {g.Code} changed on the way through the file");
                Assert.Equal(g.Buildings, back.Buildings);
                Assert.Equal(g.Households, back.Households);
            }
            var gate = GridCoverageValidator.ValidateAll(bundle.Communities, read);
            Assert.True(gate.Count == 0, GridCoverageValidator.Describe(gate));
            var import = PlanImportValidator.Validate(bundle, read);
            Assert.True(import.Count == 0, GridCoverageValidator.Describe(import));
            return read;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

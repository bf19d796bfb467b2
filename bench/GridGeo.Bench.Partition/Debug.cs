using GridGeo.Core.Generation;
using GridGeo.Core.Linking;
using GridGeo.Core.Model;
using GridGeo.Core.Partitioning;

static class Debug
{
    public static void Run(int households, int seed, int min, int max)
    {
        var bundle = BundleLinker.Link(DistrictGenerator.Generate(new DistrictGeneratorOptions { Households = households, Seed = seed }));
        CommunitySolver.Trace = Console.WriteLine;
        var result = GridPartitioner.Partition(bundle, new PartitionOptions { Min = min, Max = max, Seed = int.TryParse(Environment.GetEnvironmentVariable("PSEED"), out var ps) ? ps : seed, MaxDegreeOfParallelism = 1 });
        foreach (var g in result.Grids.GroupBy(g => g.CommunityCode))
        {
            var bs = bundle.Buildings.Where(b => b.CommunityCode == g.Key && b.DedicatedId == null).ToList();
            Console.WriteLine($"{g.Key}: basic total {g.Where(x => x.Kind == "basic").Sum(x => x.Households)} grids [{string.Join(",", g.Where(x => x.Kind == "basic").Select(x => x.Households))}] big buildings [{string.Join(",", bs.Where(b => b.Households > 150).Select(b => $"{b.Households}/{b.Units}{(b.CompoundId != null ? "c" : "")}"))}]");
        }
        foreach (var k in bundle.CompoundList) Console.WriteLine($"compound {k.Id}: {string.Join(",", bundle.Buildings.Where(b => b.CompoundId == k.Id).Select(b => b.Households))}");
        foreach (var b in bundle.BarrierList.GroupBy(b => b.Kind)) Console.WriteLine($"{b.Key}: {b.Count()}");
    }
}

using System.Diagnostics;
using GridGeo.Core.Lookup;
using GridGeo.Core.Model;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace GridGeo.Bench.Locate;

/// <summary>In-process lookups/s: the GridLocator, and as a same-process baseline NTS STRtree + IndexedPointInAreaLocator.</summary>
public static class InProcessBench
{
    public sealed record Result(double BuildSeconds, int Cells, double FullShare, double PerCore, double AllCores, double NtsPerCore, double Hits);

    public static Result Run(IReadOnlyList<Grid> grids, double[] lons, double[] lats)
    {
        var clock = Stopwatch.StartNew();
        var locator = GridLocator.Build(grids);
        var build = clock.Elapsed.TotalSeconds;

        var result = new int[lons.Length];
        locator.LocateIndexes(lons, lats, result); // warm-up (tiering)
        var perCore = Rate(() => locator.LocateIndexes(lons, lats, result), lons.Length);
        var hits = result.Count(r => r >= 0) / (double)result.Length;

        var threads = Environment.ProcessorCount;
        var allCores = Rate(() => Parallel.For(0, threads, t =>
        {
            var from = (int)((long)lons.Length * t / threads);
            var to = (int)((long)lons.Length * (t + 1) / threads);
            locator.LocateIndexes(lons.AsSpan(from, to - from), lats.AsSpan(from, to - from), result.AsSpan(from, to - from));
        }), lons.Length);

        var nts = NtsBaseline(grids);
        var sample = Math.Min(lons.Length, 200_000);
        var ntsRate = Rate(() => { for (var i = 0; i < sample; i++) nts(lons[i], lats[i]); }, sample);
        return new Result(build, locator.CellCount, locator.FullCellShare, perCore, allCores, ntsRate, hits);
    }

    /// <summary>Best of three timed runs, in operations per second.</summary>
    private static double Rate(Action run, int operations)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return operations / best;
    }

    private static Func<double, double, string?> NtsBaseline(IReadOnlyList<Grid> grids)
    {
        var tree = new STRtree<(string Code, IndexedPointInAreaLocator Locator)>();
        foreach (var g in grids) tree.Insert(g.Boundary.EnvelopeInternal, (g.Code, new IndexedPointInAreaLocator(g.Boundary)));
        tree.Build();
        return (x, y) =>
        {
            var c = new Coordinate(x, y);
            string? best = null;
            foreach (var (code, loc) in tree.Query(new Envelope(c)))
                if (loc.Locate(c) != Location.Exterior && (best is null || string.CompareOrdinal(code, best) < 0)) best = code;
            return best;
        };
    }
}

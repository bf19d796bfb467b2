using System.Globalization;
using GridGeo.Bench.Locate;
using GridGeo.Core.Lookup;
using GridGeo.IO.Plans;
using NetTopologySuite.Geometries;

// Benchmark console for "which grid": not a test. Usage:
//   gen --grids N --seed S --out plan.geojson            a synthetic plan (jittered Voronoi mesh)
//   points --plan plan.geojson --count N --seed S --out points.csv
//   compare --plans a.geojson,b.geojson [--db CONNSTR] [--points N]   side-by-side in-process vs PostGIS table
//   publish --plan plan.geojson --db CONNSTR            migrate the database, store the plan and publish it
//   community-plan --db CONNSTR                           publish one grid per community of the imported district (lookup bench)
//   queries --db CONNSTR --count N --exact F --fuzzy F    door plates from the stored households, exact and with a misspelt name
//   doorplates --db CONNSTR --exact F --fuzzy F          in-process door-plate index build time and searches/s
//   envelope --plan plan.geojson                          prints minLon minLat width height (for the wrk script)
//   post --url http://127.0.0.1:5080 --points points.csv [--batch N]   POST /api/locate, the file in requests of N points
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Args.Parse(args.Skip(1));
switch (args.FirstOrDefault())
{
    case "gen":
    {
        var grids = SyntheticPlan.Generate(options.Int("grids", 250), options.Int("seed", 1));
        GridPlanFile.Write(options.Required("out"), grids);
        Console.WriteLine($"wrote {grids.Count} grids to {options.Required("out")}");
        return 0;
    }
    case "points":
    {
        var plan = GridPlanFile.Read(options.Required("plan"));
        var (lons, lats) = RandomPoints(plan, options.Int("count", 1_000_000), options.Int("seed", 2));
        using var w = new StreamWriter(options.Required("out"), false, new System.Text.UTF8Encoding(false), 1 << 16);
        w.Write("id,lon,lat\n");
        for (var i = 0; i < lons.Length; i++) w.Write($"p{i},{lons[i]:0.0000000},{lats[i]:0.0000000}\n");
        Console.WriteLine($"wrote {lons.Length} points to {options.Required("out")}");
        return 0;
    }
    case "compare":
    {
        var db = options.Optional("db");
        var count = options.Int("points", 1_000_000);
        Console.WriteLine($"processors: {Environment.ProcessorCount}; {count:N0} random points per plan over its envelope (+2%)");
        Console.WriteLine();
        Console.WriteLine("| grids | build | cells | full cells | GridLocator 1 core | GridLocator all cores | NTS STRtree+IndexedPointInArea 1 core | PostGIS per query (1 conn) | PostGIS set join | agree |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var path in options.Required("plans").Split(','))
        {
            var plan = GridPlanFile.Read(path);
            var (lons, lats) = RandomPoints(plan, count, 7);
            var r = InProcessBench.Run(plan, lons, lats);
            var pg = "n/a | n/a | n/a";
            if (db is not null)
            {
                var locator = GridLocator.Build(plan);
                var p = await PostGisBench.Run(db, plan, lons, lats, (x, y) => locator.Locate(x, y)?.Code);
                pg = $"{p.PerQuery:N0}/s | {p.SetBased:N0}/s | {p.Agreement}/{p.Compared}";
            }
            Console.WriteLine($"| {plan.Count:N0} | {r.BuildSeconds:0.00} s | {r.Cells:N0} | {r.FullShare:P0} | {r.PerCore:N0}/s | {r.AllCores:N0}/s | {r.NtsPerCore:N0}/s | {pg} |");
        }
        return 0;
    }
    case "publish":
    {
        var plan = GridPlanFile.Read(options.Required("plan"));
        var db = options.Required("db");
        await GridGeo.Storage.Migrations.MigrationRunner.MigrateAsync(db);
        await using var source = GridGeo.Storage.GridGeoDatabase.Open(new GridGeo.Storage.StorageOptions(db));
        var store = new GridGeo.Storage.Plans.PlanStore(source);
        var id = await store.CreateDraftAsync(GridGeo.Storage.Plans.PlanKinds.Import, new { bench = options.Required("plan") });
        await store.SaveGridsAsync(id, plan);
        await store.CompleteAsync(id, new { grids = plan.Count });
        var published = await store.PublishAsync(id, "bench");
        Console.WriteLine($"plan {id}: {plan.Count} grids, {published.Outcome}");
        return 0;
    }
    case "community-plan":
        await LookupBenchData.PublishCommunityPlanAsync(options.Required("db"));
        return 0;
    case "queries":
        await LookupBenchData.WriteQueriesAsync(options.Required("db"), int.Parse(options.Required("count")), options.Required("exact"), options.Required("fuzzy"));
        return 0;
    case "doorplates":
        await DoorPlateBench.RunAsync(options.Required("db"), options.Required("exact"), options.Required("fuzzy"));
        return 0;
    case "envelope":
    {
        var env = new Envelope();
        foreach (var g in GridPlanFile.Read(options.Required("plan"))) env.ExpandToInclude(g.Boundary.EnvelopeInternal);
        Console.WriteLine($"{env.MinX:R} {env.MinY:R} {env.Width:R} {env.Height:R}");
        return 0;
    }
    case "post":
        return await HttpPostBench.Run(options.Required("url"), options.Required("points"), options.Optional("crs") ?? "wgs84", options.Int("batch", 100_000));
    default:
        Console.Error.WriteLine("usage: gen | points | compare | post (see Program.cs)");
        return 2;
}

static (double[] Lons, double[] Lats) RandomPoints(IReadOnlyList<GridGeo.Core.Model.Grid> plan, int count, int seed)
{
    var env = new Envelope();
    foreach (var g in plan) env.ExpandToInclude(g.Boundary.EnvelopeInternal);
    env.ExpandBy(env.Width * 0.02, env.Height * 0.02);
    var random = new Random(seed);
    var lons = new double[count];
    var lats = new double[count];
    for (var i = 0; i < count; i++)
    {
        lons[i] = env.MinX + random.NextDouble() * env.Width;
        lats[i] = env.MinY + random.NextDouble() * env.Height;
    }
    return (lons, lats);
}

internal sealed class Args
{
    private readonly Dictionary<string, string> _values = new();

    public static Args Parse(IEnumerable<string> args)
    {
        var result = new Args();
        string? key = null;
        foreach (var a in args)
        {
            if (a.StartsWith("--")) key = a[2..];
            else if (key is not null) { result._values[key] = a; key = null; }
        }
        return result;
    }

    public string Required(string name) => _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
    public string? Optional(string name) => _values.GetValueOrDefault(name);
    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}

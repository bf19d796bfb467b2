using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GridGeo.Api;
using GridGeo.Bench.Interop;
using GridGeo.Storage;

// Benchmark console for the interoperability exports: not a test. It loads (once) a bench database with a
// generated district (~100k buildings) and a published synthetic plan of ~20,000 grids, serves the real API on a
// loopback port and prints, for that data:
//   1. GET /api/export/grids.geojson for one street (2,000 grids) and for all grids: time, size, peak RSS and
//      peak managed heap during the download (flat memory: the peaks do not grow with the number of grids);
//   2. OGC API items: paging through every building by next links (limit 1,000 and 10,000), first and deep pages;
//   3. /tiles: the z14 tile of the densest building area (cold, then median/p95/max of warm requests), and grids tiles.
// Usage: GridGeo.Bench.Interop [--db CLUSTER_CONNSTR] [--name gridgeo_bench_interop] [--grids 20000]
//        [--households 560000] [--port 5093] [--runs 3]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal) && x.i + 1 < args.Length)
    .ToDictionary(x => x.a[2..], x => args[x.i + 1]);
string Opt(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
var grids = int.Parse(Opt("grids", "20000"));
var runs = int.Parse(Opt("runs", "3"));
var cluster = Opt("db", StorageOptions.Resolve().ConnectionString);

var connection = await BenchData.EnsureDatabaseAsync(cluster, Opt("name", "gridgeo_bench_interop"));
await using var db = GridGeoDatabase.Open(new StorageOptions(connection));
await BenchData.EnsureDistrictAsync(db, int.Parse(Opt("households", "560000")));
await BenchData.EnsureMeshAsync(db, grids);
var buildings = await BenchData.ScalarAsync(db, "select count(*) from buildings");
var currentGrids = await BenchData.ScalarAsync(db, "select count(*) from grids where valid_to is null");
Console.WriteLine($"data: {currentGrids:N0} current grids, {buildings:N0} buildings; {Environment.ProcessorCount} processors; .NET {Environment.Version}");

var url = $"http://127.0.0.1:{Opt("port", "5093")}";
// A benchmark measures the exports, not the per-key limit on them.
var app = ApiHost.Build([$"--ConnectionStrings:GridGeo={connection}", "--Logging:LogLevel:Default=Warning", "--GridGeo:RateLimits:ExportsPerMinute=0"], url);
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
// The households export is personal data: it needs a key.
http.DefaultRequestHeaders.Add("X-Api-Key", (await new GridGeo.Storage.Auth.ApiKeyStore(db).CreateAsync($"bench-{Guid.NewGuid():N}"[..20], GridGeo.Storage.Auth.ApiRoles.Reader, [])).Key);

// 1. Export
Console.WriteLine();
Console.WriteLine($"## GET /api/export/grids.geojson (streamed; memory sampled every 5 ms in the serving process; load average {LoadAverage()})");
Console.WriteLine("| grids | MiB | best s | median s | peak RSS MiB | peak managed heap MiB |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
await DownloadAsync(http, $"/api/export/grids.geojson?street={BenchData.FirstStreet}");
foreach (var (label, path) in new[]
         {
             ("2,000 (one street)", $"/api/export/grids.geojson?street={BenchData.FirstStreet}"),
             ($"{currentGrids:N0} (all)", "/api/export/grids.geojson"),
             ($"{currentGrids:N0} (all, gcj02)", "/api/export/grids.geojson?crs=gcj02"),
         })
{
    var times = new List<double>();
    long bytes = 0, rss = 0, heap = 0;
    for (var r = 0; r < runs; r++)
    {
        await using var sampler = new MemorySampler();
        var clock = Stopwatch.StartNew();
        bytes = await DownloadAsync(http, path);
        times.Add(clock.Elapsed.TotalSeconds);
        await sampler.DisposeAsync();
        rss = Math.Max(rss, sampler.PeakRssBytes);
        heap = Math.Max(heap, sampler.PeakHeapBytes);
    }
    times.Sort();
    Console.WriteLine($"| {label} | {bytes / 1048576.0:F1} | {times[0]:F2} | {times[times.Count / 2]:F2} | {rss / 1048576.0:F0} | {heap / 1048576.0:F0} |");
}
{
    var clock = Stopwatch.StartNew();
    var csv = await DownloadAsync(http, "/api/export/households.csv");
    Console.WriteLine($"households.csv: {csv / 1048576.0:F1} MiB in {clock.Elapsed.TotalSeconds:F2} s");
}

// 2. OGC API – Features items
Console.WriteLine();
Console.WriteLine($"## OGC API items: paging through all {buildings:N0} buildings by next links (load average {LoadAverage()})");
Console.WriteLine("| limit | pages | features | numberMatched | total s | features/s | median page ms |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var limit in new[] { 1_000, 10_000 })
{
    var next = $"/ogc/collections/buildings/items?limit={limit}";
    long features = 0, matched = 0;
    var pages = new List<double>();
    var total = Stopwatch.StartNew();
    while (next is not null)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(next);
        response.EnsureSuccessStatusCode();
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        pages.Add(clock.Elapsed.TotalMilliseconds);
        var root = doc.RootElement;
        matched = root.GetProperty("numberMatched").GetInt64();
        features += root.GetProperty("numberReturned").GetInt64();
        next = root.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
            .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
    }
    var seconds = total.Elapsed.TotalSeconds;
    pages.Sort();
    Console.WriteLine($"| {limit:N0} | {pages.Count} | {features:N0} | {matched:N0} | {seconds:F2} | {features / seconds:N0} | {pages[pages.Count / 2]:F0} |");
}
Console.WriteLine($"first page (limit 10): median {await MedianMsAsync(http, "/ogc/collections/buildings/items?limit=10", 20):F1} ms; " +
                  $"last page (limit 10, offset {buildings - 10:N0}): median {await MedianMsAsync(http, $"/ogc/collections/buildings/items?limit=10&offset={buildings - 10}", 20):F1} ms; " +
                  $"bbox page: median {await MedianMsAsync(http, "/ogc/collections/grids/items?bbox=104.5,28.5,104.6,28.6&limit=100", 20):F1} ms");

// 3. Vector tiles
Console.WriteLine();
Console.WriteLine($"## Vector tiles (HTTP on loopback, one client; load average {LoadAverage()})");
Console.WriteLine("| tile | features in area | bytes | cold ms | warm median ms | warm p95 ms | warm max ms | index in the query plan |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
var densest = await DensestTileAsync(db, "buildings", "location", 14);
await TileRowAsync(http, db, "buildings", densest);
var gridTile = await DensestTileAsync(db, "grids", "st_pointonsurface(boundary)", 14);
await TileRowAsync(http, db, "grids", gridTile);
var gridTile10 = await DensestTileAsync(db, "grids", "st_pointonsurface(boundary)", 10);
await TileRowAsync(http, db, "grids", gridTile10);

await app.StopAsync();
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static async Task<long> DownloadAsync(HttpClient http, string path)
{
    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var stream = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = await stream.ReadAsync(buffer)) > 0) total += n;
    return total;
}

static async Task<double> MedianMsAsync(HttpClient http, string path, int times)
{
    var ms = new List<double>();
    for (var i = 0; i < times; i++)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        ms.Add(clock.Elapsed.TotalMilliseconds);
    }
    ms.Sort();
    return ms[ms.Count / 2];
}

static async Task<(int Z, int X, int Y, long Count)> DensestTileAsync(Npgsql.NpgsqlDataSource db, string table, string point, int z)
{
    var sql = $"""
        select x, y, count(*) from (
            select floor((st_x(p) + 180) / 360 * (1 << {z}))::int as x,
                   floor((1 - ln(tan(radians(st_y(p))) + 1 / cos(radians(st_y(p)))) / pi()) / 2 * (1 << {z}))::int as y
            from (select {point} as p from {table}{(table == "grids" ? " where valid_to is null" : "")}) s) t
        group by x, y order by count(*) desc limit 1
        """;
    await using var cmd = db.CreateCommand(sql);
    await using var r = await cmd.ExecuteReaderAsync();
    await r.ReadAsync();
    return (z, r.GetInt32(0), r.GetInt32(1), r.GetInt64(2));
}

static async Task TileRowAsync(HttpClient http, Npgsql.NpgsqlDataSource db, string layer, (int Z, int X, int Y, long Count) tile)
{
    var path = $"/tiles/{layer}/{tile.Z}/{tile.X}/{tile.Y}.mvt";
    var cold = Stopwatch.StartNew();
    using (var first = await http.GetAsync(path)) await first.Content.ReadAsByteArrayAsync();
    var coldMs = cold.Elapsed.TotalMilliseconds;
    var ms = new List<double>();
    long bytes = 0;
    for (var i = 0; i < 50; i++)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        ms.Add(clock.Elapsed.TotalMilliseconds);
    }
    ms.Sort();
    Console.WriteLine($"| {path} | {tile.Count:N0} | {bytes:N0} | {coldMs:F1} | {ms[ms.Count / 2]:F1} | {ms[(int)(ms.Count * 0.95)]:F1} | {ms[^1]:F1} | {await TileIndexAsync(db, layer, tile)} |");
}

// The index scan nodes of the planner's own choice for the tile query (the service's SQL, on this data).
static async Task<string> TileIndexAsync(Npgsql.NpgsqlDataSource db, string layer, (int Z, int X, int Y, long Count) tile)
{
    await using var cmd = db.CreateCommand("explain " + GridGeo.Storage.Sql.LayerSql.Tile(GridGeo.Storage.Layers.FeatureLayer.Find(layer)!));
    cmd.Parameters.AddWithValue("z", tile.Z);
    cmd.Parameters.AddWithValue("x", tile.X);
    cmd.Parameters.AddWithValue("y", tile.Y);
    var scans = new List<string>();
    await using var r = await cmd.ExecuteReaderAsync();
    while (await r.ReadAsync())
    {
        var line = r.GetString(0).Trim().TrimStart('-', '>', ' ');
        var cut = line.IndexOf("  (", StringComparison.Ordinal);
        if (line.Contains(" on ", StringComparison.Ordinal) && line.Contains("Scan", StringComparison.Ordinal)) scans.Add(cut < 0 ? line : line[..cut]);
    }
    return string.Join("; ", scans.Distinct());
}

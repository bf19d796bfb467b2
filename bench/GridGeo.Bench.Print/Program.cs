using System.Diagnostics;
using System.Globalization;
using GridGeo.Api.Printing;
using GridGeo.Rendering.Boards;
using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Streets;
using GridGeo.Storage;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Printing;
using Npgsql;

// Printing benchmark: reads one grid's notice board and one street's wall map from a database holding a published
// plan (the 100k-household bench district), then times reading and drawing separately, warm, several times each,
// and prints medians, the files' sizes, managed allocations per render and the process's peak RSS. Figures only;
// nothing is asserted. Drawing is single-threaded, so its CPU time (the process's, which also counts the GC and the
// runtime's own threads) is the figure to read on a loaded machine; wall time is printed beside it. Arguments: --db CONNSTRING [--board-runs 20] [--street-runs 5] [--grid CODE] [--street CODE] [--docs DIR]
var db = Arg("--db") ?? throw new ArgumentException("--db is required");
var boardRuns = int.Parse(Arg("--board-runs") ?? "20", CultureInfo.InvariantCulture);
var streetRuns = int.Parse(Arg("--street-runs") ?? "5", CultureInfo.InvariantCulture);
var docs = Arg("--docs");

await using var dataSource = GridGeoDatabase.Open(new StorageOptions(db));
var plans = new PlanStore(dataSource);
var layers = new PrintLayerStore(dataSource);
var options = new PrintOptions("https://grids.example.cn", "{base}/?grid={code}", 300, 500, 300);
var print = new PrintService(plans, layers, new NoGridStaff(), options);

var (gridCode, streetCode, streetGrids) = await PickAsync(dataSource, Arg("--grid"), Arg("--street"));
Console.WriteLine($"load average {Load()} · {Environment.ProcessorCount} cores · grid {gridCode} · street {streetCode} ({streetGrids} current grids)");
Console.WriteLine();
Console.WriteLine("| what | runs | read ms (median) | draw ms wall (median) | draw ms wall (p90) | draw ms CPU (median) | managed alloc / draw | file |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");

// Warm-up: fonts, Skia, JIT, the connection pool.
for (var i = 0; i < 2; i++)
{
    var b = (await print.LoadBoardAsync(gridCode, null, default))!;
    PrintService.BoardPdf(b);
    PrintService.BoardPng(b, 150);
}
var board = (await print.LoadBoardAsync(gridCode, null, default))!;
Row("board PDF (A4)", boardRuns, () => print.LoadBoardAsync(gridCode, null, default), () => PrintService.BoardPdf(board).Bytes.Length);
Row("board PNG (A4, 150 dpi)", boardRuns, () => print.LoadBoardAsync(gridCode, null, default), () => PrintService.BoardPng(board, 150).Bytes.Length);

var street = (await print.LoadStreetAsync(streetCode, default))!;
PrintService.StreetPdf(street);
Row($"street PDF (A3 map + {GridIndexPage.For(street).Count} list page(s), {street.StreetGrids.Count} grids, {street.Layers.Buildings.Count} buildings)", streetRuns,
    () => print.LoadStreetAsync(streetCode, default), () => PrintService.StreetPdf(street).Bytes.Length);
Row("street PNG (A3 map, 150 dpi)", streetRuns, () => print.LoadStreetAsync(streetCode, default), () => PrintService.StreetPng(street, 150).Bytes.Length);

Console.WriteLine();
Console.WriteLine($"peak RSS of the process {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB · load average {Load()}");

if (docs is not null)
{
    Directory.CreateDirectory(docs);
    await File.WriteAllBytesAsync(Path.Combine(docs, "print-board.png"), PrintService.BoardPng(board, 110).Bytes);
    await File.WriteAllBytesAsync(Path.Combine(docs, "print-street-map.png"), PrintService.StreetPng(street, 80).Bytes);
    Console.WriteLine($"wrote {docs}/print-board.png and {docs}/print-street-map.png");
}
return;

void Row<T>(string what, int runs, Func<Task<T>> read, Func<int> draw)
{
    var reads = new List<double>();
    var draws = new List<double>();
    var cpus = new List<double>();
    var process = Process.GetCurrentProcess();
    long bytes = 0, allocated = 0;
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        read().GetAwaiter().GetResult();
        reads.Add(clock.Elapsed.TotalMilliseconds);
        var before = GC.GetAllocatedBytesForCurrentThread();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        clock.Restart();
        bytes = draw();
        draws.Add(clock.Elapsed.TotalMilliseconds);
        process.Refresh();
        cpus.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
    }
    Console.WriteLine($"| {what} | {runs} | {Median(reads):F0} | {Median(draws):F0} | {Percentile(draws, 0.9):F0} | {Median(cpus):F0} | {allocated / runs / 1048576.0:F1} MiB | {bytes / 1024.0:F0} KiB |");
}

static double Median(List<double> xs) => Percentile(xs, 0.5);

static double Percentile(List<double> xs, double p)
{
    var sorted = xs.OrderBy(x => x).ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * sorted.Count))];
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

// The basic grid nearest the median households, and the street whose grid count is nearest 50.
static async Task<(string Grid, string Street, int StreetGrids)> PickAsync(NpgsqlDataSource ds, string? grid, string? street)
{
    const string current = "from grids g join plans p on p.id = g.plan_id and p.status = 'published' where g.valid_to is null";
    await using var conn = await ds.OpenConnectionAsync();
    await using (var cmd = new NpgsqlCommand($"select left(g.community_code, 9), count(*)::int {current} group by 1 order by abs(count(*) - 50), 1 limit 1", conn))
    await using (var r = await cmd.ExecuteReaderAsync())
    {
        if (!await r.ReadAsync()) throw new InvalidOperationException("the database has no current grids: import and publish a plan first");
        street ??= r.GetString(0);
    }
    int count;
    await using (var cmd = new NpgsqlCommand($"select count(*)::int {current} and left(g.community_code, 9) = @s", conn))
    {
        cmd.Parameters.AddWithValue("s", street);
        count = (int)(await cmd.ExecuteScalarAsync())!;
    }
    if (grid is null)
    {
        await using var cmd = new NpgsqlCommand($"""
            select g.code {current} and g.kind = 'basic' and left(g.community_code, 9) = @s
            order by abs(g.households - (select percentile_disc(0.5) within group (order by households) {current} and g.kind = 'basic')), g.code limit 1
            """, conn);
        cmd.Parameters.AddWithValue("s", street);
        grid = (string)(await cmd.ExecuteScalarAsync())!;
    }
    return (grid, street, count);
}

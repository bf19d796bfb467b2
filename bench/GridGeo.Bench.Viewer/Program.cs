using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GridGeo.Bench.Viewer;
using GridGeo.Viewer.Tests;
using Microsoft.Playwright;

// Viewer benchmark: a plan of --columns × --rows grids (default 200 × 100 = 20,000) served by the real API,
// drawn by the real viewer in Debian's Chromium. Prints the figures; asserts nothing.
var columns = ArgOr("--columns", 200);
var rows = ArgOr("--rows", 100);
int ArgOr(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average at start (1/5/15 min): {LoadAverage()}");
var clock = Stopwatch.StartNew();
var (bundle, grids) = LatticePlan.Build(columns, rows);
await using var host = await ViewerHost.StartAsync(bundle, grids);
Console.WriteLine($"plan: {grids.Count:N0} grids in {bundle.Communities.Count} communities; stored and served in {clock.Elapsed.TotalSeconds:F1} s");

using (var http = new HttpClient())
{
    var times = new List<double>();
    long bytes = 0;
    for (var i = 0; i < 3; i++)
    {
        var t = Stopwatch.StartNew();
        var body = await http.GetByteArrayAsync($"{host.BaseUrl}/api/grids?bbox=105,26,109,28");
        times.Add(t.Elapsed.TotalMilliseconds);
        bytes = body.Length;
    }
    times.Sort();
    Console.WriteLine($"GET /api/grids (all {grids.Count:N0}): median {times[1]:F0} ms, {bytes / 1048576.0:F1} MiB");
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await MapPage.LaunchAsync(playwright);
var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
var open = Stopwatch.StartNew();
await page.GotoAsync(host.BaseUrl + "/");
await page.WaitForFunctionAsync("() => window.gridgeo && document.querySelector('#map').dataset.communitiesLoaded");
Console.WriteLine($"page open with communities drawn: {open.Elapsed.TotalMilliseconds:F0} ms");

// Zoom 9 (the grids' minimum zoom) over the middle: every grid of the plan is in view.
var centreLon = 106.0 + columns * 0.005;
var centreLat = 27.5 - rows * 0.005;
var load = Stopwatch.StartNew();
await page.EvaluateAsync("([lon, lat]) => window.gridgeo.zoomTo(lon, lat, 9)", new[] { centreLon, centreLat });
await page.WaitForFunctionAsync("n => Number(document.querySelector('#map').dataset.gridsLoaded) >= n", grids.Count,
    new PageWaitForFunctionOptions { Timeout = 300_000 });
await page.EvaluateAsync("() => window.gridgeo.rendered()");
Console.WriteLine($"zoom 9, all {grids.Count:N0} grids loaded and drawn: {load.Elapsed.TotalMilliseconds:F0} ms");
var drawn = await page.EvaluateAsync<int>("""
    () => {
      const c = document.querySelector('.gridgeo-grids canvas');
      if (!c) return 0;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    }
    """);
Console.WriteLine($"grid layer pixels drawn: {drawn:N0}");
await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "bench-20k-grids.png") });

// Frame intervals while the view pans and while it zooms (OpenLayers animations, requestAnimationFrame).
foreach (var (label, script) in new[]
{
    ("pan 2 s", "v => v.animate({ center: [v.getCenter()[0] + 60000, v.getCenter()[1]], duration: 2000 })"),
    ("zoom 9→11 2 s", "v => v.animate({ zoom: 11, duration: 2000 })"),
})
{
    var json = await page.EvaluateAsync<string>($$"""
        () => new Promise((resolve) => {
          const view = window.gridgeo.viewer.map.getView();
          const frames = [];
          let last = performance.now();
          let running = true;
          const tick = (now) => { frames.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
          ({{script}})(view);
          setTimeout(() => { running = false; resolve(JSON.stringify(frames)); }, 2100);
        })
        """);
    var frames = JsonSerializer.Deserialize<double[]>(json)!.Skip(1).Order().ToArray();
    Console.WriteLine($"{label}: {frames.Length} frames, median {frames[frames.Length / 2]:F1} ms, p95 {frames[(int)(frames.Length * 0.95)]:F1} ms, max {frames[^1]:F1} ms");
}
await page.EvaluateAsync("() => window.gridgeo.rendered()");
await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "bench-20k-zoom11.png") });
Console.WriteLine($"screenshots: {RepoPaths.Artifacts}/bench-20k-*.png");
Console.WriteLine($"CPU: bench + API process {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s, Chromium (all its processes) {ChildCpuSeconds("chrom"):F1} s, wall {clock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"load average at end (1/5/15 min): {LoadAverage()}");
Console.WriteLine("(frame intervals: 16.7 ms = 60 fps, 33.3 ms = 30 fps; p95/max show the worst frames, e.g. the redraw when a zoom settles)");

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

// CPU seconds (user + system) of the descendants of this process whose name contains `name`, from /proc.
static double ChildCpuSeconds(string name)
{
    if (!Directory.Exists("/proc")) return double.NaN;
    var parent = new Dictionary<int, int>();
    var ticks = new Dictionary<int, long>();
    var names = new Dictionary<int, string>();
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var close = stat.LastIndexOf(')');
            names[pid] = stat[(stat.IndexOf('(') + 1)..close];
            var f = stat[(close + 2)..].Split(' ');
            parent[pid] = int.Parse(f[1], CultureInfo.InvariantCulture);
            ticks[pid] = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
    var me = Environment.ProcessId;
    bool Descends(int pid)
    {
        for (var i = 0; i < 64 && parent.TryGetValue(pid, out var pp); i++, pid = pp)
            if (pp == me) return true;
        return false;
    }
    // Clock ticks per second: 100 on Linux.
    return ticks.Where(t => names[t.Key].Contains(name, StringComparison.OrdinalIgnoreCase) && Descends(t.Key)).Sum(t => t.Value) / 100.0;
}

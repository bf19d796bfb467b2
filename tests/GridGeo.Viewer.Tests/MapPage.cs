using System.Text.Json;
using Microsoft.Playwright;

namespace GridGeo.Viewer.Tests;

/// <summary>The viewer page in Chromium, with the few moves and reads the tests make.</summary>
public sealed class MapPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Debian's Chromium, headless; Playwright never downloads a browser here.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });

    public static async Task<MapPage> OpenAsync(IBrowser browser, string baseUrl, int expectedGrids)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        await page.GotoAsync(baseUrl + "/");
        await page.WaitForFunctionAsync("n => document.querySelector('#map')?.dataset.gridsLoaded === String(n)", expectedGrids);
        var map = new MapPage(page);
        await map.RenderedAsync();
        return map;
    }

    /// <summary>Signs in with an API key in the toolbar and waits until the viewer shows who it is.</summary>
    public async Task SignInAsync(string key)
    {
        await Page.FillAsync("#signin [data-field=key]", key);
        await Page.ClickAsync("#signin button[type=submit]");
        await Page.WaitForSelectorAsync("#signin [data-field=who]");
    }

    /// <summary>Drags with the mouse from one lon/lat to another in small steps, as a planner's hand would.</summary>
    public async Task DragAsync((double Lon, double Lat) from, (double Lon, double Lat) to)
    {
        var a = await ScreenPointAsync(from.Lon, from.Lat);
        var b = await ScreenPointAsync(to.Lon, to.Lat);
        await Page.Mouse.MoveAsync(a.X, a.Y);
        await Page.Mouse.MoveAsync(a.X + 1, a.Y);
        await Page.Mouse.MoveAsync(a.X, a.Y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(b.X, b.Y, new MouseMoveOptions { Steps = 12 });
        await Page.Mouse.UpAsync();
    }

    /// <summary>Where a lon/lat is on the page, in CSS pixels.</summary>
    public async Task<(float X, float Y)> ScreenPointAsync(double lon, double lat)
    {
        var px = await Page.EvaluateAsync<double[]>("([lon, lat]) => window.gridgeo.pixelOf(lon, lat)", new[] { lon, lat });
        var box = await Page.Locator("#map").BoundingBoxAsync() ?? throw new InvalidOperationException("the map has no box");
        return (box.X + (float)px[0], box.Y + (float)px[1]);
    }

    /// <summary>Degrees of longitude per CSS pixel at the current view (Web Mercator, near the view's centre).</summary>
    public Task<double> DegreesPerPixelAsync() =>
        Page.EvaluateAsync<double>("() => { const a = window.gridgeo.lonLatOf(0, 0), b = window.gridgeo.lonLatOf(100, 0); return (b[0] - a[0]) / 100; }");

    public Task RenderedAsync() => Page.EvaluateAsync("() => window.gridgeo.rendered()");

    public async Task ClickAtAsync(double lon, double lat)
    {
        var (x, y) = await ScreenPointAsync(lon, lat);
        await Page.Mouse.ClickAsync(x, y);
    }

    public async Task ZoomToAsync(double lon, double lat, int zoom)
    {
        await Page.EvaluateAsync("([lon, lat, z]) => window.gridgeo.zoomTo(lon, lat, z)", new[] { lon, lat, zoom });
        await RenderedAsync();
    }

    /// <summary>Waits until the panel shows grid <paramref name="code"/>.</summary>
    public Task WaitForPanelAsync(string code) =>
        Page.WaitForSelectorAsync($"#panel[data-code='{code}'] [data-field=code]:text-is('{code}')");

    public Task<string> FieldAsync(string field, string scope = "#panel") => Page.InnerTextAsync($"{scope} [data-field={field}]");

    /// <summary>
    /// Counts the grid layer's drawn pixels by the legend colour nearest to each (within a small distance):
    /// keys are the legend entries' <c>data-legend</c> names and dedicated kinds' labels.
    /// </summary>
    public async Task<Dictionary<string, int>> GridPixelsByLegendColourAsync()
    {
        var json = await Page.EvaluateAsync<string>("""
            () => {
              const parse = (c) => c.match(/\d+/g).slice(0, 3).map(Number);
              const palette = [...document.querySelectorAll('#legend li')]
                .filter((li) => li.querySelector('.swatch'))
                .map((li) => [li.dataset.legend ?? li.textContent.trim(), parse(getComputedStyle(li.querySelector('.swatch')).borderTopColor)]);
              const canvas = document.querySelector('.gridgeo-grids canvas');
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              const counts = {};
              for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] === 0) continue;
                let best = null, bestD = 45 * 45;
                for (const [name, [r, g, b]] of palette) {
                  const d = (data[i] - r) ** 2 + (data[i + 1] - g) ** 2 + (data[i + 2] - b) ** 2;
                  if (d < bestD) { bestD = d; best = name; }
                }
                if (best) counts[best] = (counts[best] ?? 0) + 1;
              }
              return JSON.stringify(counts);
            }
            """);
        return JsonSerializer.Deserialize<Dictionary<string, int>>(json)!;
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, name + ".png") });
}

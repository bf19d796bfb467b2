using Microsoft.Playwright;

namespace GridGeo.Viewer.Tests;

/// <summary>
/// Browser tests that write: xUnit makes a new instance per test, so each test gets its own API and database
/// (<see cref="ViewerHost"/>) and its own Chromium.
/// </summary>
public abstract class WritingBrowserTests : IAsyncLifetime
{
    protected ViewerHost host = null!;
    protected IPlaywright playwright = null!;
    protected IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        host = await ViewerHost.StartAsync();
        playwright = await Playwright.CreateAsync();
        browser = await MapPage.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await host.DisposeAsync();
    }
}

using Microsoft.Playwright;

namespace GridGeo.Viewer.Tests;

/// <summary>The address a printed notice board's QR code opens, /?grid=CODE, shows that grid selected.</summary>
public class GridLinkTests(ReadOnlyViewerFixture fixture) : IClassFixture<ReadOnlyViewerFixture>
{
    [Fact]
    public async Task A_link_with_a_grid_code_opens_the_map_on_that_grid_selected()
    {
        var spec = SampleDistrict.Specs[2];
        var expected = SampleDistrict.Grids()[2];
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        await page.GotoAsync($"{fixture.Host.BaseUrl}/?grid={spec.Code}");
        var map = new MapPage(page);
        await map.WaitForPanelAsync(spec.Code);
        Assert.Equal(expected.Households.ToString(), await map.FieldAsync("households"));
        await map.RenderedAsync();
        await map.ScreenshotAsync("grid-link");
        // The view was fitted to the grid: its interior is on screen.
        var (lon, lat) = SampleDistrict.ClickPointOf(spec);
        var (x, y) = await map.ScreenPointAsync(lon, lat);
        Assert.InRange(x, 0, 1280);
        Assert.InRange(y, 0, 860);
    }
}

using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Streets;
using GridGeo.Rendering.Tests.Support;

namespace GridGeo.Rendering.Tests.Streets;

public class StreetMapPageTests
{
    [Fact]
    public void Street_map_renders()
    {
        var map = new StreetMap(PrintFixture.Street, "幸福街道", "汇川区", PrintFixture.Street2Communities(), new DateOnly(2026, 12, 6));
        var (png, layout) = PageWriter.RenderPng(new StreetMapPage(map), 110);
        Artifacts.Save("street-map.png", png);
        var (index, _) = PageWriter.RenderPng(GridIndexPage.For(map)[0], 80);
        Artifacts.Save("street-index.png", index);
        Assert.Equal(12 + 2, layout.Labels.Count);
    }
}

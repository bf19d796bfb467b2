using GridGeo.Rendering.Map;
using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Streets;
using GridGeo.Rendering.Tests.Map;
using GridGeo.Rendering.Tests.Support;

namespace GridGeo.Rendering.Tests.Streets;

public class StreetMapPageTests
{
    private static StreetMap Map(int columns = 3, int rows = 2) =>
        new(PrintFixture.Street, "幸福街道", "汇川区", PrintFixture.Street2Communities(columns, rows), new DateOnly(2026, 12, 6));

    [Fact]
    public void Every_grid_is_labelled_once_and_no_labels_overlap()
    {
        var map = Map(5, 4);
        var (png, layout) = PageWriter.RenderPng(new StreetMapPage(map), 110);
        Artifacts.Save("street-map.png", png);
        var codes = map.StreetGrids.Select(g => g.Code).OrderBy(c => c).ToList();
        Assert.Equal(40, codes.Count);
        Assert.Equal(codes, layout.Labels.Where(l => l.Key.Length == 15).Select(l => l.Key).OrderBy(c => c).ToList());
        LabelPlacerTests.AssertNoOverlap(layout.Labels);
        var legendAndScale = layout.Regions["map"];
        Assert.All(layout.Labels, l => Assert.True(legendAndScale.Contains(l.Box)));
    }

    [Fact]
    public void Each_grid_outline_is_drawn_where_its_coordinates_fall_in_png_and_pdf()
    {
        var map = Map();
        var (png, layout) = PageWriter.RenderPng(new StreetMapPage(map), 110);
        var pdf = Path.Combine(Artifacts.Directory, "street-map.pdf");
        IReadOnlyList<PageLayout> pdfLayouts;
        using (var file = File.Create(pdf)) pdfLayouts = PageWriter.WritePdf(file, StreetMapDocument.Pages(map), "street");
        var fromPdf = Poppler.PageToPng(pdf, 1, 110);

        foreach (var (image, pageLayout) in new[] { (new Pixels(png, 110), layout), (new Pixels(fromPdf, 110), pdfLayouts[0]) })
        {
            using (image)
            {
                var hidden = Boards.GridBoardPageTests.Hidden(pageLayout);
                foreach (var grid in map.StreetGrids)
                {
                    var r = OutlineProbe.Check(image, pageLayout.Frame!, grid.Boundary, hidden, Pixels.IsDark, step: 10, inset: 6);
                    Assert.True(r.Samples >= 20, $"{grid.Code}: only {r.Samples} samples");
                    Assert.True(r.InkedShare >= 0.97, $"{grid.Code}: outline at {r.InkedShare:P0} of {r.Samples} samples");
                    Assert.True(r.InsideInkedShare <= 0.15, $"{grid.Code}: {r.InsideInkedShare:P0} of points just inside are dark");
                }
            }
        }
    }

    [Fact]
    public void The_pdf_has_the_map_then_grid_list_pages_naming_every_grid()
    {
        var map = Map(10, 5); // 100 grids: a map page and three list pages of 48
        var pdf = Path.Combine(Artifacts.Directory, "street-100.pdf");
        using (var file = File.Create(pdf)) PageWriter.WritePdf(file, StreetMapDocument.Pages(map), "street");
        Assert.Equal(1 + 3, Poppler.Pages(pdf));
        var text = Poppler.Text(pdf);
        Assert.Contains("幸福街道网格图", text);
        Assert.Contains("幸福街道网格一览", text);
        foreach (var grid in map.StreetGrids) Assert.Contains(grid.Code, text);
        var (index, _) = PageWriter.RenderPng(GridIndexPage.For(map)[0], 80);
        Artifacts.Save("street-index.png", index);
    }

    [Fact]
    public void A_street_without_grids_is_refused_naming_it()
    {
        var map = new StreetMap("520321009", "空街道", null, PrintFixture.Street2Communities(), new DateOnly(2026, 12, 6));
        var error = Assert.Throws<ArgumentException>(() => PageWriter.RenderPng(new StreetMapPage(map), 72));
        Assert.Contains("520321009", error.Message);
    }
}

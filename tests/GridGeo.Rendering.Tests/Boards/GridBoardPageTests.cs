using GridGeo.Rendering.Boards;
using GridGeo.Rendering.Map;
using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Tests.Map;
using GridGeo.Rendering.Tests.Support;
using SkiaSharp;

namespace GridGeo.Rendering.Tests.Boards;

public class GridBoardPageTests
{
    private const string Focus = "520321001001005";
    private const float Dpi = 150;

    private static readonly IReadOnlyList<GridStaffMember> Staff =
    [
        new(StaffRoles.GridWorker, "王小红", "13800138000"),
        new(StaffRoles.GridHead, "李建国", "0851-28221234"),
        new(StaffRoles.LiaisonHead, "赵大妈", "13912345678", Focus + "002"),
    ];

    [Fact]
    public void The_grid_and_its_neighbours_are_outlined_where_their_coordinates_fall()
    {
        var board = PrintFixture.Board(Focus);
        var (png, layout) = PageWriter.RenderPng(new GridBoardPage(board), Dpi);
        Artifacts.Save("board-blank.png", png);
        using var pixels = new Pixels(png, Dpi);
        var frame = layout.Frame!;
        var hidden = Hidden(layout);

        var focus = OutlineProbe.Check(pixels, frame, board.Grid.Boundary, hidden, Pixels.Near(MapStyle.Accent, 60));
        Assert.True(focus.Samples >= 40, $"only {focus.Samples} samples on the focus grid's outline");
        Assert.True(focus.InkedShare >= 0.97, $"focus outline drawn at {focus.InkedShare:P0} of its samples");
        Assert.True(focus.InsideInkedShare <= 0.05, $"{focus.InsideInkedShare:P0} of points inside the focus grid are red");

        // The neighbours, greyed: their visible edges carry grey or red (a shared edge is the focus grid's) ink.
        var neighbours = board.Surroundings.Grids.Where(g => g.Code != Focus).ToList();
        Func<SKColor, bool> outline = c => Pixels.Near(MapStyle.NeighbourLine, 30)(c) || Pixels.Near(MapStyle.Accent, 60)(c) || Pixels.Near(MapStyle.CommunityLine, 50)(c);
        var checkedGrids = 0;
        foreach (var n in neighbours)
        {
            var r = OutlineProbe.Check(pixels, frame, n.Boundary, hidden, outline);
            if (r.Samples < 5) continue; // off the page
            checkedGrids++;
            Assert.True(r.InkedShare >= 0.9, $"neighbour {n.Code} outline drawn at {r.InkedShare:P0} of {r.Samples} samples");
        }
        Assert.True(checkedGrids >= 4, $"only {checkedGrids} neighbours were on the board");
    }

    /// <summary>What is drawn over the map: labels, legend, scale bar and north arrow.</summary>
    internal static IReadOnlyList<SKRect> Hidden(PageLayout layout) =>
        [.. layout.Labels.Select(l => l.Box), layout.Regions["legend"], layout.Regions["scale"], layout.Regions["north"]];

    [Fact]
    public void Labels_do_not_overlap_and_name_the_grid_and_its_visible_neighbours()
    {
        var board = PrintFixture.Board(Focus);
        var (_, layout) = PageWriter.RenderPng(new GridBoardPage(board), 72);
        LabelPlacerTests.AssertNoOverlap(layout.Labels);
        var map = layout.Regions["map"];
        Assert.All(layout.Labels, l => Assert.True(map.Contains(l.Box), $"label {l.Key} {l.Box} leaves the map {map}"));
        var focus = layout.Labels.Single(l => l.Key == Focus);
        Assert.False(focus.HasLeader);
        Assert.True(layout.Labels.Count(l => l.Key.Length == 15) >= 5);
    }

    [Fact]
    public void The_header_carries_ink_where_its_text_is_and_the_qr_code_is_drawn()
    {
        var (png, layout) = PageWriter.RenderPng(new GridBoardPage(PrintFixture.Board(Focus)), Dpi);
        using var pixels = new Pixels(png, Dpi);
        var header = layout.Regions["header"];
        // The title 网格公示牌 is white on the red band: the band's middle third has white strokes, its edges none.
        var titleZone = new SKRect(header.MidX - 70, header.Top + 8, header.MidX + 70, header.Top + 36);
        var bandEdge = new SKRect(header.Left + 4, header.Top + 8, header.Left + 120, header.Top + 36);
        Assert.InRange(pixels.Share(titleZone, Pixels.Near(SKColors.White, 50)), 0.12, 0.6);
        Assert.Equal(0, pixels.Share(bandEdge, Pixels.Near(SKColors.White, 50)));
        // The grid's name below the band is dark text on white.
        var nameZone = new SKRect(header.MidX - 90, 90, header.MidX + 90, 110);
        Assert.InRange(pixels.Share(nameZone, Pixels.IsDark), 0.08, 0.6);
        var qr = layout.Regions["qr"];
        var code = new SKRect(qr.MidX - 40, qr.Top + 8, qr.MidX + 40, qr.Top + 88);
        Assert.InRange(pixels.Share(code, Pixels.IsDark), 0.3, 0.7);
    }

    [Fact]
    public void The_pdf_prints_the_people_who_serve_the_grid_and_rasterises_like_the_png()
    {
        var board = PrintFixture.Board(Focus, Staff);
        var pdf = Path.Combine(Artifacts.Directory, "board-staffed.pdf");
        IReadOnlyList<PageLayout> layouts;
        using (var file = File.Create(pdf)) layouts = PageWriter.WritePdf(file, [new GridBoardPage(board)], "board");

        var text = Poppler.Text(pdf);
        foreach (var expected in new[] { "网格公示牌", Focus, "幸福社区第5网格", "王小红", "13800138000", "李建国", "赵大妈", "13912345678", "网格员", "联户长" })
            Assert.Contains(expected, text);

        var png = Poppler.PageToPng(pdf, 1, 100);
        using var pixels = new Pixels(png, 100);
        var r = OutlineProbe.Check(pixels, layouts[0].Frame!, board.Grid.Boundary, Hidden(layouts[0]), Pixels.Near(MapStyle.Accent, 60));
        Assert.True(r.InkedShare >= 0.95, $"focus outline in the PDF drawn at {r.InkedShare:P0}");
    }

    [Fact]
    public void Without_a_roster_every_role_and_liaison_unit_gets_blank_lines()
    {
        var board = PrintFixture.Board(Focus);
        var pdf = Path.Combine(Artifacts.Directory, "board-blank.pdf");
        IReadOnlyList<PageLayout> layouts;
        using (var file = File.Create(pdf)) layouts = PageWriter.WritePdf(file, [new GridBoardPage(board)], "board");
        var text = Poppler.Text(pdf);
        Assert.Contains("网格长 Grid head", text);
        Assert.Contains("网格员 Grid worker", text);
        foreach (var unit in board.LiaisonUnits) Assert.Contains($"{unit.Code[^3..]}·{unit.Households}户", text);

        // Each blank is a drawn line: the staff area holds long horizontal grey rules, one per name and phone.
        var png = Poppler.PageToPng(pdf, 1, 100);
        using var pixels = new Pixels(png, 100);
        var staff = layouts[0].Regions["staff"];
        var rules = 0;
        for (var y = staff.Top + 18; y < staff.Bottom; y += 1 / pixels.Scale)
        {
            var row = new SKRect(staff.Left + 150, y, staff.Left + 250, y + 1 / pixels.Scale);
            if (pixels.Share(row, Pixels.IsInk) > 0.9) rules++;
        }
        Assert.True(rules >= 2 + board.LiaisonUnits.Count / 2, $"found {rules} blank lines");
    }
}

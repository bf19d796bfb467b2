using GridGeo.Core.Model;
using GridGeo.Rendering.Map;
using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Text;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace GridGeo.Rendering.Boards;

/// <summary>
/// The A4 portrait notice board of one grid (网格公示牌): a title band; the grid in the middle of a map with its
/// neighbours greyed, its liaison units and buildings; its code, name, community chain, households and liaison units;
/// a QR code to its page; and the people who serve it, or blank lines to fill in by hand.
/// </summary>
public sealed class GridBoardPage(GridBoard board, CjkFonts? fonts = null) : PrintedPage
{
    private const float Margin = 30;
    private const float BuildingScale = 0.5f;
    private static readonly SKColor Band = new(0xB3, 0x1B, 0x1B);

    /// <summary>Where the map sits on the page (points).</summary>
    public static readonly SKRect MapRect = new(Margin, 132, PaperSizes.A4Portrait.Width - Margin, 482);

    private (string Name, SKRect Rect)[] _decorations = [];

    public override SKSize Size => PaperSizes.A4Portrait;

    /// <summary>The lon/lat box the board's map of <paramref name="grid"/> shows: what a caller loads the surroundings for.</summary>
    public static Envelope MapExtent(Grid grid) => FrameFor(grid).VisibleExtent();

    private static ConformalFrame FrameFor(Grid grid)
    {
        var extent = grid.Boundary.EnvelopeInternal.Copy();
        // Room around the grid for its neighbours: a third of its size on each side.
        extent.ExpandBy(Math.Max(extent.Width, extent.Height * 1.3) * 0.33, Math.Max(extent.Height, extent.Width / 1.3) * 0.33);
        return ConformalFrame.Fit(extent, MapRect, marginFraction: 0.0);
    }

    public override PageLayout Draw(SKCanvas canvas)
    {
        using var text = new TextPainter(canvas, fonts ?? CjkFonts.Instance);
        var width = Size.Width;
        var regions = new Dictionary<string, SKRect>();

        regions["header"] = DrawHeader(canvas, text, width);
        var mapRect = MapRect;
        regions["map"] = mapRect;
        var (frame, labels) = DrawMap(canvas, text, mapRect);
        regions["info"] = DrawInfo(text, new SKRect(Margin, 494, width - Margin - 128, 622));
        regions["qr"] = DrawQr(canvas, text, new SKRect(width - Margin - 118, 494, width - Margin, 622));
        regions["staff"] = DrawStaff(canvas, text, new SKRect(Margin, 632, width - Margin, 806));
        regions["footer"] = DrawFooter(text, new SKRect(Margin, 812, width - Margin, Size.Height - 12));
        foreach (var (name, rect) in _decorations) regions[name] = rect;
        return new PageLayout(frame, labels, regions);
    }

    private SKRect DrawHeader(SKCanvas canvas, TextPainter text, float width)
    {
        var band = new SKRect(Margin, 26, width - Margin, 82);
        using (var fill = MapStyle.Fill(Band)) canvas.DrawRect(band, fill);
        text.Draw("网格公示牌", band.MidX, band.Top + 33, 26, bold: true, color: SKColors.White, align: SKTextAlign.Center);
        text.Draw("GRID NOTICE BOARD", band.MidX, band.Top + 49, 8.5f, color: new SKColor(0xFF, 0xE8, 0xE8), align: SKTextAlign.Center);
        text.Draw(board.Name, width / 2, 106, 16, bold: true, align: SKTextAlign.Center);
        text.Draw($"网格编码 Grid code  {board.Grid.Code}", width / 2, 123, 10.5f, color: MapStyle.MutedInk, align: SKTextAlign.Center);
        return new SKRect(Margin, band.Top, width - Margin, 127);
    }

    private (ConformalFrame Frame, IReadOnlyList<PlacedLabel> Labels) DrawMap(SKCanvas canvas, TextPainter text, SKRect mapRect)
    {
        var grid = board.Grid;
        var bounds = board.Bounds ?? HouseholdBounds.Default;
        var frame = FrameFor(grid);
        var painter = new MapPainter(canvas, frame, text);
        var layers = board.Surroundings;
        var neighbours = layers.Grids.Where(g => g.Code != grid.Code).ToList();
        var members = new HashSet<string>(grid.Buildings.Select(m => m.Split('#')[0]), StringComparer.Ordinal);
        var units = board.LiaisonUnits.Where(u => u.Boundary is not null).ToList();

        painter.Clipped(() =>
        {
            painter.Background(MapStyle.Paper);
            foreach (var c in layers.Communities) painter.Fill(c.Boundary, MapStyle.CommunityFill);
            foreach (var n in neighbours) painter.Fill(n.Boundary, MapStyle.NeighbourFill);
            painter.Fill(grid.Boundary, MapStyle.GridFill(grid, bounds));
            painter.Barriers(layers.Barriers);
            foreach (var u in units) painter.Outline(u.Boundary!, MapStyle.LiaisonLine, 0.6f, [3f, 2f]);
            painter.Buildings(layers.Buildings.Where(b => !members.Contains(b.Id)), BuildingScale * 0.8f, MapStyle.BuildingMuted);
            painter.Buildings(layers.Buildings.Where(b => members.Contains(b.Id)), BuildingScale, MapStyle.Building);
            foreach (var n in neighbours) painter.Outline(n.Boundary, MapStyle.NeighbourLine, 0.9f);
            foreach (var c in layers.Communities) painter.Outline(c.Boundary, MapStyle.CommunityLine, MapStyle.CommunityLineWidth, [7f, 3f]);
            painter.Outline(grid.Boundary, MapStyle.Accent, MapStyle.FocusLineWidth);
        });

        // Decorations first, so that labels keep clear of them.
        var arrow = NorthArrow.Draw(canvas, text, new SKPoint(mapRect.Right - 34, mapRect.Top + 6), 28);
        var scale = ScaleBar.Draw(canvas, frame, text, new SKPoint(mapRect.Left + 6, mapRect.Bottom - 6));
        var entries = LegendEntries(grid, bounds, units.Count > 0, layers.Barriers.Select(b => b.Kind).Distinct());
        var legendSize = Legend.Measure(text, entries);
        var legend = Legend.Draw(canvas, text, entries, new SKPoint(mapRect.Right - 6 - legendSize.Width, mapRect.Bottom - 6 - legendSize.Height));

        var free = painter.FreeArea([arrow, scale, legend]);
        var requests = new List<(LabelRequest Request, IReadOnlyList<TextLine> Lines)>();
        var (anchor, room) = painter.LabelAnchor(grid.Boundary, free);
        IReadOnlyList<TextLine> focusLines =
        [
            new("本网格 This grid", 7, Color: MapStyle.Accent),
            new(grid.Code, 8.5f, Bold: true),
            new($"{grid.Households} 户 households", 7.5f),
        ];
        requests.Add((new LabelRequest(grid.Code, painter.LabelSize(focusLines), anchor, room, Required: true), focusLines));
        foreach (var n in neighbours)
        {
            var shown = PagePaths.OnPage(n.Boundary, frame).Intersection(free);
            // A sliver at the map's edge is not worth a label.
            if (shown.IsEmpty || shown.Area < free.Area * 0.004) continue;
            var (a, r) = painter.LabelAnchor(n.Boundary, free);
            IReadOnlyList<TextLine> lines = [new(n.Code, 6.5f, Color: MapStyle.MutedInk), new($"{n.Households}户", 6.5f, Color: MapStyle.MutedInk)];
            requests.Add((new LabelRequest(n.Code, painter.LabelSize(lines), a, r, Required: true), lines));
        }
        foreach (var u in units)
        {
            var (a, r) = painter.LabelAnchor(u.Boundary!, free);
            IReadOnlyList<TextLine> lines = [new(u.Code[^3..], 6, Color: MapStyle.LiaisonLine)];
            requests.Add((new LabelRequest(u.Code, painter.LabelSize(lines), a, r, Required: false), lines));
        }
        var placer = new LabelPlacer(SKRect.Inflate(mapRect, -2, -2), [arrow, scale, legend]);
        var placed = placer.PlaceAll(requests.Select(r => r.Request));
        var byKey = requests.ToDictionary(r => r.Request.Key, r => r.Lines);
        painter.Labels(placed.Where(p => p.Key.Length == 18).Select(p => (p, byKey[p.Key])), MapStyle.LiaisonLine);
        painter.Labels(placed.Where(p => p.Key.Length != 18).Select(p => (p, byKey[p.Key])), MapStyle.MutedInk);
        painter.Border();
        _decorations = [("north", arrow), ("scale", scale), ("legend", legend)];
        return (frame, placed);
    }

    private static IReadOnlyList<LegendEntry> LegendEntries(Grid grid, HouseholdBounds bounds, bool hasUnits, IEnumerable<string> barrierKinds)
    {
        var entries = new List<LegendEntry>
        {
            new("本网格", "This grid", Legend.Area(MapStyle.GridFill(grid, bounds), MapStyle.Accent, 1.6f)),
            new("相邻网格", "Neighbouring grid", Legend.Area(MapStyle.NeighbourFill, MapStyle.NeighbourLine, 0.8f)),
            new("社区边界", "Community boundary", Legend.Area(MapStyle.CommunityFill, MapStyle.CommunityLine, 1.4f, [5f, 2f])),
        };
        if (hasUnits) entries.Add(new("联户单元", "Liaison unit", Legend.Area(SKColors.White, MapStyle.LiaisonLine, 0.6f, [3f, 2f])));
        entries.Add(new("楼栋（按户数）", "Building, sized by households", Legend.Buildings(BuildingScale, MapStyle.Building)));
        foreach (var kind in barrierKinds.OrderBy(MapStyle.BarrierOrder))
        {
            var (zh, en) = MapStyle.BarrierLabel(kind);
            entries.Add(new(zh, en, Legend.Line(kind)));
        }
        return entries;
    }

    private SKRect DrawInfo(TextPainter text, SKRect area)
    {
        var grid = board.Grid;
        var y = area.Top + 11;
        const float size = 9.5f;
        const float labelWidth = 132;
        void Row(string label, string value)
        {
            text.Draw(label, area.Left, y, size, color: MapStyle.MutedInk);
            text.Draw(value, area.Left + labelWidth, y, size, bold: true);
            y += 15;
        }
        var buildings = grid.Buildings.Select(m => m.Split('#')[0]).Distinct().Count();
        Row("网格编码 Grid code", grid.Code);
        Row("所属社区 Community", $"{board.CommunityName ?? "—"}（{grid.CommunityCode}）");
        Row("街道/区县 Street/County", $"{board.StreetName ?? AdminCodesOf(grid, 9)} · {board.CountyName ?? AdminCodesOf(grid, 6)}");
        Row("网格类型 Kind", GridNames.KindLabel(grid));
        Row("户数 Households", $"{grid.Households} 户 · 楼栋 {buildings} 栋 buildings");
        var units = board.LiaisonUnits.OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        Row("联户单元 Liaison units", units.Count == 0 ? "—" : $"{units.Count} 个 units");
        if (units.Count > 0)
        {
            var list = string.Join("  ", units.Select(u => $"{u.Code[^3..]}:{u.Households}户"));
            foreach (var line in text.Wrap(list, 7.5f, area.Width).Take(2))
            {
                text.Draw(line, area.Left, y - 2, 7.5f, color: MapStyle.MutedInk);
                y += 10;
            }
        }
        return area;
    }

    private static string AdminCodesOf(Grid grid, int digits) => grid.Code[..digits];

    private SKRect DrawQr(SKCanvas canvas, TextPainter text, SKRect area)
    {
        var side = Math.Min(area.Width, 96);
        var box = new SKRect(area.MidX - side / 2, area.Top, area.MidX + side / 2, area.Top + side);
        QrCodeDrawer.Draw(canvas, board.PageUrl, box);
        text.Draw("扫码查看本网格", area.MidX, box.Bottom + 9, 7.5f, bold: true, align: SKTextAlign.Center);
        text.Draw("Scan to open this grid", area.MidX, box.Bottom + 18, 6.5f, color: MapStyle.MutedInk, align: SKTextAlign.Center);
        var url = text.Wrap(board.PageUrl, 5, area.Width);
        var y = box.Bottom + 25.5f;
        foreach (var line in url.Take(2))
        {
            text.Draw(line, area.MidX, y, 5, color: MapStyle.MutedInk, align: SKTextAlign.Center);
            y += 6;
        }
        return area;
    }

    private SKRect DrawStaff(SKCanvas canvas, TextPainter text, SKRect area)
    {
        using var rule = MapStyle.Stroke(MapStyle.Ink, 0.5f);
        using var blank = MapStyle.Stroke(MapStyle.MutedInk, 0.5f);
        text.Draw("服务人员 Who serves this grid", area.Left, area.Top + 11, 11, bold: true);
        canvas.DrawLine(area.Left, area.Top + 15, area.Right, area.Top + 15, rule);

        var staff = board.Staff.OrderBy(s => StaffRoles.Order(s.Role)).ThenBy(s => s.LiaisonUnitCode, StringComparer.Ordinal).ToList();
        var y = area.Top + 30;
        // Grid head and grid worker always have a row, filled or blank.
        foreach (var role in new[] { StaffRoles.GridHead, StaffRoles.GridWorker })
        {
            var people = staff.Where(s => s.Role == role).ToList();
            if (people.Count == 0) people.Add(new GridStaffMember(role, "", null));
            foreach (var p in people)
            {
                PersonRow(canvas, text, blank, area.Left, area.Right, y, StaffRoles.Label(role), p, 9.5f, null);
                y += 17;
            }
        }
        foreach (var other in staff.Where(s => StaffRoles.Order(s.Role) > 2))
        {
            PersonRow(canvas, text, blank, area.Left, area.Right, y, StaffRoles.Label(other.Role), other, 9.5f, null);
            y += 17;
        }

        // One liaison head per liaison unit, in two columns; units without one get blank lines.
        var units = board.LiaisonUnits.OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var heads = staff.Where(s => s.Role == StaffRoles.LiaisonHead).ToList();
        var rows = new List<(GridStaffMember Person, string Scope)>();
        foreach (var u in units)
        {
            var mine = heads.Where(h => h.LiaisonUnitCode == u.Code).ToList();
            if (mine.Count == 0) mine.Add(new GridStaffMember(StaffRoles.LiaisonHead, "", null, u.Code));
            rows.AddRange(mine.Select(h => (h, $"{u.Code[^3..]}·{u.Households}户")));
        }
        rows.AddRange(heads.Where(h => units.All(u => u.Code != h.LiaisonUnitCode)).Select(h => (h, h.LiaisonUnitCode is { Length: >= 3 } c ? c[^3..] : "")));
        if (rows.Count == 0) rows.Add((new GridStaffMember(StaffRoles.LiaisonHead, "", null), ""));
        y += 2;
        text.Draw("联户长 Liaison heads（联户单元·户数 unit·households）", area.Left, y, 8, bold: true, color: MapStyle.MutedInk);
        y += 13;
        var columns = rows.Count > 4 ? 2 : 1;
        var perColumn = (rows.Count + columns - 1) / columns;
        var rowHeight = Math.Min(14f, (area.Bottom - y) / Math.Max(perColumn, 1));
        var fontSize = Math.Clamp(rowHeight - 5.5f, 5.5f, 8.5f);
        var columnWidth = (area.Width - (columns - 1) * 14) / columns;
        for (var i = 0; i < rows.Count; i++)
        {
            var col = i / perColumn;
            var x = area.Left + col * (columnWidth + 14);
            var rowY = y + (i % perColumn) * rowHeight;
            PersonRow(canvas, text, blank, x, x + columnWidth, rowY, ("", ""), rows[i].Person, fontSize, rows[i].Scope);
        }
        return area;
    }

    /// <summary>One person: role, then name and phone, each on a blank line when unknown (to fill in by hand).</summary>
    private static void PersonRow(SKCanvas canvas, TextPainter text, SKPaint blank, float left, float right, float y,
        (string Chinese, string English) role, GridStaffMember person, float size, string? scope)
    {
        var x = left;
        if (scope is not null)
        {
            text.Draw(scope, x, y, size, color: MapStyle.MutedInk);
            x += text.Width("000·000户", size) + 6;
        }
        else
        {
            text.Draw($"{role.Chinese} {role.English}", x, y, size, bold: true);
            x += 118;
        }
        var width = right - x;
        var nameLabel = scope is null ? "姓名 Name" : "姓名";
        var phoneLabel = scope is null ? "电话 Phone" : "电话";
        var nameStart = x + text.Width(nameLabel, size) + 4;
        var nameEnd = x + width * 0.48f;
        text.Draw(nameLabel, x, y, size, color: MapStyle.MutedInk);
        if (person.Name.Length > 0) text.Draw(person.Name, nameStart + 2, y, size, bold: true);
        else canvas.DrawLine(nameStart, y + 1.5f, nameEnd - 6, y + 1.5f, blank);
        var phoneX = nameEnd;
        var phoneStart = phoneX + text.Width(phoneLabel, size) + 4;
        text.Draw(phoneLabel, phoneX, y, size, color: MapStyle.MutedInk);
        if (!string.IsNullOrEmpty(person.Phone)) text.Draw(person.Phone, phoneStart + 2, y, size, bold: true);
        else canvas.DrawLine(phoneStart, y + 1.5f, right - 2, y + 1.5f, blank);
    }

    private SKRect DrawFooter(TextPainter text, SKRect area)
    {
        text.Draw($"打印日期 Printed {board.PrintedOn:yyyy-MM-dd} · GridGeo 网格化服务管理 · 以系统记录为准 The system's record prevails",
            area.MidX, area.Top + 8, 6.5f, color: MapStyle.MutedInk, align: SKTextAlign.Center);
        return area;
    }
}

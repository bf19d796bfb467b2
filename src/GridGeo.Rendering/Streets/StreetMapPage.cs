using GridGeo.Core.Model;
using GridGeo.Rendering.Map;
using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Text;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace GridGeo.Rendering.Streets;

/// <summary>
/// The A3 landscape wall map of a street: every grid coloured by kind and by whether its households are within the
/// bounds, each labelled with its code and households (with a leader line when it is too small to hold its label),
/// community outlines and names, liaison-unit outlines, buildings sized by households, roads and rivers, a scale bar,
/// a north arrow and a bilingual legend.
/// </summary>
public sealed class StreetMapPage(StreetMap map, CjkFonts? fonts = null) : PrintedPage
{
    private const float Margin = 24;
    private const float BuildingScale = 0.26f;

    /// <summary>Where the map sits on the page (points).</summary>
    public static readonly SKRect MapRect = new(Margin, 66, PaperSizes.A3Landscape.Width - Margin, PaperSizes.A3Landscape.Height - 26);

    private (string Name, SKRect Rect)[] _decorations = [];

    public override SKSize Size => PaperSizes.A3Landscape;

    /// <summary>The lon/lat box the map shows when the street's grids cover <paramref name="gridsExtent"/>: what a caller loads layers for.</summary>
    public static Envelope MapExtent(Envelope gridsExtent) => FrameFor(gridsExtent).VisibleExtent();

    private static ConformalFrame FrameFor(Envelope gridsExtent) => ConformalFrame.Fit(gridsExtent, MapRect, marginFraction: 0.03);

    public override PageLayout Draw(SKCanvas canvas)
    {
        using var text = new TextPainter(canvas, fonts ?? CjkFonts.Instance);
        var regions = new Dictionary<string, SKRect>();
        var grids = map.StreetGrids;
        if (grids.Count == 0) throw new ArgumentException($"street {map.StreetCode} has no grids to print", nameof(map));
        regions["header"] = DrawHeader(text, grids);
        var mapRect = MapRect;
        regions["map"] = mapRect;
        var (frame, labels) = DrawMap(canvas, text, mapRect, grids);
        regions["footer"] = new SKRect(Margin, Size.Height - 22, Size.Width - Margin, Size.Height - 6);
        text.Draw($"打印日期 Printed {map.PrintedOn:yyyy-MM-dd} · GridGeo 网格化服务管理 · 以系统记录为准 The system's record prevails",
            Size.Width / 2, Size.Height - 11, 7, color: MapStyle.MutedInk, align: SKTextAlign.Center);
        foreach (var (name, rect) in _decorations) regions[name] = rect;
        return new PageLayout(frame, labels, regions);
    }

    private SKRect DrawHeader(TextPainter text, IReadOnlyList<Grid> grids)
    {
        var name = map.StreetName ?? map.StreetCode;
        text.Draw($"{name}网格图", Margin, 40, 24, bold: true);
        var titleWidth = text.Width($"{name}网格图", 24, bold: true);
        text.Draw($"Grid map of {name} · 街道编码 street code {map.StreetCode}{(map.CountyName is null ? "" : $" · {map.CountyName}")}",
            Margin + titleWidth + 14, 40, 10.5f, color: MapStyle.MutedInk);
        var households = grids.Sum(g => g.Households);
        var communities = grids.Select(g => g.CommunityCode).Distinct().Count();
        var bounds = map.Bounds ?? HouseholdBounds.Default;
        var basic = grids.Where(g => g.Kind == GridKinds.Basic).ToList();
        var inBounds = basic.Count(g => bounds.Holds(g.Households));
        text.Draw($"{communities} 个社区 communities · {grids.Count} 个网格 grids（基础 basic {basic.Count}，户数达标 within {bounds.Min}–{bounds.Max}: {inBounds}；专属 dedicated {grids.Count - basic.Count}） · {households:N0} 户 households",
            Margin, 58, 9.5f);
        return new SKRect(Margin, 14, Size.Width - Margin, 62);
    }

    private (ConformalFrame, IReadOnlyList<PlacedLabel>) DrawMap(SKCanvas canvas, TextPainter text, SKRect mapRect, IReadOnlyList<Grid> grids)
    {
        var layers = map.Layers;
        var bounds = map.Bounds ?? HouseholdBounds.Default;
        var extent = new Envelope();
        foreach (var g in grids) extent.ExpandToInclude(g.Boundary.EnvelopeInternal);
        var frame = FrameFor(extent);
        var painter = new MapPainter(canvas, frame, text);
        var streetCommunities = layers.Communities.Where(c => c.StreetCode == map.StreetCode).ToList();
        var others = layers.Grids.Where(g => !g.Code.StartsWith(map.StreetCode, StringComparison.Ordinal)).ToList();

        painter.Clipped(() =>
        {
            painter.Background(MapStyle.Paper);
            foreach (var c in layers.Communities) painter.Fill(c.Boundary, MapStyle.CommunityFill);
            foreach (var g in others) painter.Fill(g.Boundary, MapStyle.NeighbourFill);
            foreach (var g in grids) painter.Fill(g.Boundary, MapStyle.GridFill(g, bounds));
            painter.Barriers(layers.Barriers);
            foreach (var u in layers.LiaisonUnits.Where(u => u.Boundary is not null && u.GridCode.StartsWith(map.StreetCode, StringComparison.Ordinal)))
                painter.Outline(u.Boundary!, MapStyle.LiaisonLine, 0.3f, [1.5f, 1.5f]);
            painter.Buildings(layers.Buildings.Where(b => !InStreet(b)), BuildingScale * 0.7f, MapStyle.BuildingMuted);
            painter.Buildings(layers.Buildings.Where(InStreet), BuildingScale, MapStyle.Building);
            foreach (var g in others) painter.Outline(g.Boundary, MapStyle.NeighbourLine, 0.6f);
            foreach (var g in grids) painter.Outline(g.Boundary, MapStyle.GridLine, MapStyle.GridLineWidth);
            foreach (var c in layers.Communities) painter.Outline(c.Boundary, MapStyle.CommunityLine, MapStyle.CommunityLineWidth, [8f, 3f]);
        });

        var arrow = NorthArrow.Draw(canvas, text, new SKPoint(mapRect.Left + 8, mapRect.Top + 8), 34);
        var scale = ScaleBar.Draw(canvas, frame, text, new SKPoint(mapRect.Left + 8, mapRect.Bottom - 8));
        var entries = LegendEntries(grids, bounds, layers);
        var legendSize = Legend.Measure(text, entries);
        var legend = Legend.Draw(canvas, text, entries, new SKPoint(mapRect.Right - 8 - legendSize.Width, mapRect.Bottom - 8 - legendSize.Height));

        var free = painter.FreeArea([arrow, scale, legend]);
        var requests = new List<(LabelRequest Request, IReadOnlyList<TextLine> Lines, bool Community)>();
        foreach (var g in grids)
        {
            var (anchor, room) = painter.LabelAnchor(g.Boundary, free);
            IReadOnlyList<TextLine> lines = [new(g.Code, 6.5f, Bold: true), new($"{g.Households} 户", 6.5f)];
            requests.Add((new LabelRequest(g.Code, painter.LabelSize(lines), anchor, room, Required: true), lines, false));
        }
        foreach (var c in streetCommunities)
        {
            var (anchor, room) = painter.LabelAnchor(c.Boundary, free);
            IReadOnlyList<TextLine> lines = [new(c.Name, 11, Bold: true, Color: MapStyle.CommunityLine)];
            // Community names go where the grid labels leave room: optional, and placed after them.
            requests.Add((new LabelRequest(c.Code, painter.LabelSize(lines), anchor, room * 1.6f, Required: false), lines, true));
        }
        var placer = new LabelPlacer(SKRect.Inflate(mapRect, -3, -3), [arrow, scale, legend]);
        var placed = placer.PlaceAll(requests.Select(r => r.Request));
        var byKey = requests.ToDictionary(r => r.Request.Key);
        painter.Labels(placed.Where(p => byKey[p.Key].Community).Select(p => (p, byKey[p.Key].Lines)), MapStyle.CommunityLine);
        painter.Labels(placed.Where(p => !byKey[p.Key].Community).Select(p => (p, byKey[p.Key].Lines)), MapStyle.GridLine);
        painter.Border();
        _decorations = [("north", arrow), ("scale", scale), ("legend", legend)];
        return (frame, placed);
    }

    private bool InStreet(Building b) => b.CommunityCode?.StartsWith(map.StreetCode, StringComparison.Ordinal) == true;

    private static IReadOnlyList<LegendEntry> LegendEntries(IReadOnlyList<Grid> grids, HouseholdBounds bounds, MapLayers layers)
    {
        var entries = new List<LegendEntry>
        {
            new("基础网格（户数达标）", $"Basic grid, {bounds.Min}–{bounds.Max} households", Legend.Area(MapStyle.GridInBounds, MapStyle.GridLine, 1f)),
            new("基础网格（户数超出范围）", $"Basic grid outside {bounds.Min}–{bounds.Max}", Legend.Area(MapStyle.GridOutOfBounds, MapStyle.GridLine, 1f)),
        };
        if (grids.Any(g => g.Kind == GridKinds.Dedicated))
            entries.Add(new("专属网格", "Dedicated grid", Legend.Area(MapStyle.GridDedicated, MapStyle.GridLine, 1f)));
        if (layers.Grids.Count > grids.Count)
            entries.Add(new("其他街道网格", "Grid of another street", Legend.Area(MapStyle.NeighbourFill, MapStyle.NeighbourLine, 0.6f)));
        entries.Add(new("社区边界", "Community boundary", Legend.Area(MapStyle.CommunityFill, MapStyle.CommunityLine, 1.4f, [5f, 2f])));
        if (layers.LiaisonUnits.Count > 0)
            entries.Add(new("联户单元", "Liaison unit", Legend.Area(SKColors.White, MapStyle.LiaisonLine, 0.5f, [1.5f, 1.5f])));
        entries.Add(new("楼栋（按户数）", "Building, sized by households", Legend.Buildings(BuildingScale, MapStyle.Building)));
        foreach (var kind in layers.Barriers.Select(b => b.Kind).Distinct().OrderBy(MapStyle.BarrierOrder))
        {
            var (zh, en) = MapStyle.BarrierLabel(kind);
            entries.Add(new(zh, en, Legend.Line(kind)));
        }
        entries.Add(new("网格编码 · 户数", "Grid code · households", LabelSwatch));
        return entries;
    }

    private static void LabelSwatch(SKCanvas canvas, SKRect r)
    {
        using var fill = MapStyle.Fill(SKColors.White);
        using var edge = MapStyle.Stroke(MapStyle.GridLine, 0.5f);
        var box = SKRect.Inflate(r, -2, 0);
        canvas.DrawRoundRect(box, 1.5f, 1.5f, fill);
        canvas.DrawRoundRect(box, 1.5f, 1.5f, edge);
    }
}

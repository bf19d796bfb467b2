using GridGeo.Core.Model;
using GridGeo.Rendering.Boards;
using GridGeo.Rendering.Map;
using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Text;
using SkiaSharp;

namespace GridGeo.Rendering.Streets;

/// <summary>
/// The list that follows a street's wall map (网格一览): one row per grid — code, name, community, kind, households,
/// liaison units, within bounds — <see cref="RowsPerPage"/> to an A3 landscape page.
/// </summary>
public sealed class GridIndexPage(StreetMap map, IReadOnlyList<Grid> grids, int firstRow, int pageNumber, int pageCount, CjkFonts? fonts = null) : PrintedPage
{
    public const int RowsPerPage = 48;
    private const float Margin = 30;
    private const float RowHeight = 15;

    public override SKSize Size => PaperSizes.A3Landscape;

    /// <summary>The index pages of a street: as many as its grids need.</summary>
    public static IReadOnlyList<GridIndexPage> For(StreetMap map, CjkFonts? fonts = null)
    {
        var grids = map.StreetGrids.OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        var count = Math.Max(1, (grids.Count + RowsPerPage - 1) / RowsPerPage);
        return Enumerable.Range(0, count).Select(i => new GridIndexPage(map, grids, i * RowsPerPage, i + 1, count, fonts)).ToList();
    }

    public override PageLayout Draw(SKCanvas canvas)
    {
        using var text = new TextPainter(canvas, fonts ?? CjkFonts.Instance);
        var bounds = map.Bounds ?? HouseholdBounds.Default;
        var name = map.StreetName ?? map.StreetCode;
        text.Draw($"{name}网格一览", Margin, 44, 20, bold: true);
        text.Draw($"Grid list of {name} ({map.StreetCode}) · 第 {pageNumber}/{pageCount} 页 page {pageNumber} of {pageCount}",
            Margin + text.Width($"{name}网格一览", 20, bold: true) + 12, 44, 10, color: MapStyle.MutedInk);
        var names = map.Layers.Communities.ToDictionary(c => c.Code, c => c.Name);
        var units = map.Layers.LiaisonUnits.GroupBy(u => u.GridCode).ToDictionary(g => g.Key, g => g.Count());

        (string Head, float X)[] columns =
        [
            ("序号 No.", Margin), ("网格编码 Grid code", Margin + 60), ("网格名称 Name", Margin + 200), ("社区 Community", Margin + 430),
            ("类型 Kind", Margin + 620), ("户数 Households", Margin + 790), ("联户单元 Liaison units", Margin + 900), ("户数达标 Within bounds", Margin + 1020),
        ];
        var top = 70f;
        using var rule = MapStyle.Stroke(MapStyle.Ink, 0.7f);
        using var thin = MapStyle.Stroke(new SKColor(0xCC, 0xCC, 0xCC), 0.4f);
        foreach (var (head, x) in columns) text.Draw(head, x, top, 9, bold: true);
        canvas.DrawLine(Margin, top + 5, Size.Width - Margin, top + 5, rule);
        var y = top + 5 + RowHeight;
        var rows = grids.Skip(firstRow).Take(RowsPerPage).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var g = rows[i];
            var community = names.GetValueOrDefault(g.CommunityCode);
            string ok = g.Kind == GridKinds.Dedicated ? "—" : bounds.Holds(g.Households) ? "是 yes" : "否 no";
            string[] cells =
            [
                (firstRow + i + 1).ToString(), g.Code, GridNames.Of(g, community), $"{community ?? "—"}（{g.CommunityCode[^3..]}）",
                GridNames.KindLabel(g), g.Households.ToString("N0"), units.GetValueOrDefault(g.Code).ToString(), ok,
            ];
            for (var c = 0; c < columns.Length; c++)
                text.Draw(cells[c], columns[c].X, y - 4, 8.5f, color: c == 7 && ok.StartsWith('否') ? MapStyle.Accent : null);
            canvas.DrawLine(Margin, y, Size.Width - Margin, y, thin);
            y += RowHeight;
        }
        text.Draw($"打印日期 Printed {map.PrintedOn:yyyy-MM-dd} · GridGeo 网格化服务管理", Size.Width / 2, Size.Height - 11, 7, color: MapStyle.MutedInk, align: SKTextAlign.Center);
        var table = new SKRect(Margin, top - 12, Size.Width - Margin, y);
        return new PageLayout(null, [], new Dictionary<string, SKRect> { ["header"] = new(Margin, 20, Size.Width - Margin, 50), ["table"] = table });
    }
}

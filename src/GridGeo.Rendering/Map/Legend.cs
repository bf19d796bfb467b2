using GridGeo.Rendering.Text;
using SkiaSharp;

namespace GridGeo.Rendering.Map;

/// <summary>One legend row: a swatch drawn into a small box, and its meaning in Chinese and English.</summary>
public sealed record LegendEntry(string Chinese, string English, Action<SKCanvas, SKRect> Swatch);

/// <summary>A legend box: a title (图例 Legend) and one row per entry, swatch then "中文 English".</summary>
public static class Legend
{
    private const float FontSize = 7.2f;
    private const float Row = 12f;
    private const float SwatchWidth = 18f;
    private const float Pad = 5f;

    public static SKSize Measure(TextPainter text, IReadOnlyList<LegendEntry> entries)
    {
        var width = text.Width("图例 Legend", FontSize + 1, bold: true);
        foreach (var e in entries) width = Math.Max(width, SwatchWidth + 5 + text.Width(Caption(e), FontSize));
        return new SKSize(width + 2 * Pad, Row * (entries.Count + 1) + 2 * Pad - 2);
    }

    public static SKRect Draw(SKCanvas canvas, TextPainter text, IReadOnlyList<LegendEntry> entries, SKPoint topLeft)
    {
        var size = Measure(text, entries);
        var bounds = SKRect.Create(topLeft, size);
        using (var back = MapStyle.Fill(new SKColor(0xFF, 0xFF, 0xFF, 0xF0))) canvas.DrawRect(bounds, back);
        using (var edge = MapStyle.Stroke(MapStyle.MutedInk, 0.6f)) canvas.DrawRect(bounds, edge);
        var y = bounds.Top + Pad + Row - 3;
        text.Draw("图例 Legend", bounds.Left + Pad, y, FontSize + 1, bold: true);
        foreach (var e in entries)
        {
            var rowTop = y + 3;
            y += Row;
            var swatch = new SKRect(bounds.Left + Pad, rowTop + 1.5f, bounds.Left + Pad + SwatchWidth, rowTop + Row - 2.5f);
            e.Swatch(canvas, swatch);
            text.Draw(Caption(e), swatch.Right + 5, y, FontSize);
        }
        return bounds;
    }

    private static string Caption(LegendEntry e) => $"{e.Chinese} {e.English}";

    /// <summary>A filled box with an outline.</summary>
    public static Action<SKCanvas, SKRect> Area(SKColor fill, SKColor line, float width, float[]? dash = null) => (canvas, r) =>
    {
        using var f = MapStyle.Fill(fill);
        using var s = MapStyle.Stroke(line, width, dash);
        canvas.DrawRect(r, f);
        canvas.DrawRect(r, s);
    };

    /// <summary>A horizontal line drawn with the strokes of a barrier kind.</summary>
    public static Action<SKCanvas, SKRect> Line(string barrierKind) => (canvas, r) =>
    {
        foreach (var (color, width, dash) in MapStyle.BarrierStrokes(barrierKind))
        {
            using var s = MapStyle.Stroke(color, width, dash);
            canvas.DrawLine(r.Left + 1, r.MidY, r.Right - 1, r.MidY, s);
        }
    };

    /// <summary>Three building squares for 20, 100 and 300 households.</summary>
    public static Action<SKCanvas, SKRect> Buildings(float pointsPerSqrtHousehold, SKColor color) => (canvas, r) =>
    {
        using var f = MapStyle.Fill(color);
        var x = r.Left + 1;
        foreach (var households in new[] { 20, 100, 300 })
        {
            var side = Math.Min(MapStyle.BuildingSide(households, pointsPerSqrtHousehold), r.Height);
            canvas.DrawRect(new SKRect(x, r.MidY - side / 2, x + side, r.MidY + side / 2), f);
            x += side + 1.5f;
        }
    };
}

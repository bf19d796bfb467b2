using SkiaSharp;

namespace GridGeo.Rendering.Text;

/// <summary>One line of printed text: its words, size (points), weight and colour.</summary>
public sealed record TextLine(string Text, float Size, bool Bold = false, SKColor? Color = null);

/// <summary>
/// Measures and draws text in Noto Sans CJK on one canvas, keeping one <see cref="SKFont"/> per size and weight.
/// Positions are baselines unless a method says otherwise.
/// </summary>
public sealed class TextPainter : IDisposable
{
    private readonly SKCanvas _canvas;
    private readonly CjkFonts _fonts;
    private readonly Dictionary<(float, bool), SKFont> _cache = [];
    private readonly SKPaint _paint = new() { IsAntialias = true, Style = SKPaintStyle.Fill };

    public TextPainter(SKCanvas canvas, CjkFonts fonts)
    {
        _canvas = canvas;
        _fonts = fonts;
    }

    public SKFont Font(float size, bool bold = false)
    {
        if (!_cache.TryGetValue((size, bold), out var font)) _cache[(size, bold)] = font = _fonts.Font(size, bold);
        return font;
    }

    /// <summary>The advance width of <paramref name="text"/> (points).</summary>
    public float Width(string text, float size, bool bold = false) => Font(size, bold).MeasureText(text);

    /// <summary>The distance between two baselines of this size.</summary>
    public float LineHeight(float size, bool bold = false) => Font(size, bold).Spacing;

    /// <summary>Draws one line with its baseline at <paramref name="y"/>, aligned at <paramref name="x"/>; returns its width.</summary>
    public float Draw(string text, float x, float y, float size, bool bold = false, SKColor? color = null, SKTextAlign align = SKTextAlign.Left)
    {
        _paint.Color = color ?? Map.MapStyle.Ink;
        var font = Font(size, bold);
        _canvas.DrawText(text, x, y, align, font, _paint);
        return font.MeasureText(text);
    }

    /// <summary>The box a block of lines needs: the widest line by the sum of line heights.</summary>
    public SKSize Measure(IReadOnlyList<TextLine> lines)
    {
        float width = 0, height = 0;
        foreach (var line in lines)
        {
            width = Math.Max(width, Width(line.Text, line.Size, line.Bold));
            height += BlockLineHeight(line);
        }
        return new SKSize(width, height);
    }

    /// <summary>Draws a block of lines centred in <paramref name="box"/>.</summary>
    public void DrawCentred(IReadOnlyList<TextLine> lines, SKRect box)
    {
        var size = Measure(lines);
        var y = box.MidY - size.Height / 2;
        foreach (var line in lines)
        {
            var font = Font(line.Size, line.Bold);
            // Cap height sits the glyphs in the middle of their line slot.
            y += BlockLineHeight(line);
            Draw(line.Text, box.MidX, y - (BlockLineHeight(line) - font.Size * 0.88f) / 2, line.Size, line.Bold, line.Color, SKTextAlign.Center);
        }
    }

    /// <summary>
    /// Splits <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/>, at spaces where it can and
    /// between any two CJK characters otherwise.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, float size, float maxWidth, bool bold = false)
    {
        var font = Font(size, bold);
        var lines = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var count = (int)font.BreakText(rest, maxWidth);
            if (count >= rest.Length)
            {
                lines.Add(rest.ToString());
                break;
            }
            count = Math.Max(count, 1);
            var space = rest[..count].LastIndexOf(' ');
            var cut = space > 0 ? space : count;
            lines.Add(rest[..cut].ToString().TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        return lines;
    }

    private static float BlockLineHeight(TextLine line) => line.Size * 1.22f;

    public void Dispose()
    {
        foreach (var font in _cache.Values) font.Dispose();
        _paint.Dispose();
    }
}

using System.Text;
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
        var width = font.MeasureText(text);
        var left = align switch { SKTextAlign.Center => x - width / 2, SKTextAlign.Right => x - width, _ => x };
        using var blob = TextBlob(text, font);
        if (blob is null) _canvas.DrawText(text, left, y, SKTextAlign.Left, font, _paint);
        else _canvas.DrawText(blob, left, y, _paint);
        return width;
    }

    /// <summary>
    /// A text run that carries its characters beside its glyphs (UTF-8 text and one cluster per glyph). Noto CJK maps
    /// several code points to one glyph (网 U+7F51 and the radical ⽹ U+2F79 share a glyph), and a PDF's glyph-to-text
    /// map can name only one of them; with the text in the run, Skia's PDF writer marks such glyphs with the characters
    /// actually drawn (/ActualText), so that a PDF reader copies and finds "网格", not "⽹格". Null when glyphs and
    /// characters do not pair one to one.
    /// </summary>
    private static SKTextBlob? TextBlob(string text, SKFont font)
    {
        if (text.Length == 0) return null;
        var glyphs = font.GetGlyphs(text);
        var utf8 = Encoding.UTF8.GetBytes(text);
        var clusters = new uint[glyphs.Length];
        var count = 0;
        var offset = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count == glyphs.Length) return null;
            clusters[count++] = (uint)offset;
            offset += rune.Utf8SequenceLength;
        }
        if (count != glyphs.Length) return null;
        var positions = font.GetGlyphPositions(glyphs, SKPoint.Empty);
        var xs = new float[glyphs.Length];
        for (var i = 0; i < xs.Length; i++) xs[i] = positions[i].X;
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateHorizontalTextRun(font, glyphs.Length, 0, utf8.Length);
        run.SetGlyphs(glyphs);
        run.SetPositions(xs);
        run.SetText(utf8);
        run.SetClusters(clusters);
        return builder.Build();
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

using GridGeo.Rendering.Text;
using SkiaSharp;

namespace GridGeo.Rendering.Map;

/// <summary>A north arrow (北 / N). The conformal frame keeps grid north straight up the page.</summary>
public static class NorthArrow
{
    public static SKRect Bounds(SKPoint topLeft, float size) => new(topLeft.X, topLeft.Y, topLeft.X + size, topLeft.Y + size * 1.45f);

    public static SKRect Draw(SKCanvas canvas, TextPainter text, SKPoint topLeft, float size)
    {
        var bounds = Bounds(topLeft, size);
        using (var back = MapStyle.Fill(new SKColor(0xFF, 0xFF, 0xFF, 0xE6))) canvas.DrawRect(bounds, back);
        var cx = bounds.MidX;
        var top = bounds.Top + size * 0.42f;
        var bottom = bounds.Bottom - size * 0.08f;
        var half = size * 0.26f;
        var middle = bottom - (bottom - top) * 0.32f;
        using var dark = MapStyle.Fill(MapStyle.Ink);
        using var light = MapStyle.Fill(SKColors.White);
        using var edge = MapStyle.Stroke(MapStyle.Ink, 0.7f);
        using (var left = Triangle(new SKPoint(cx, top), new SKPoint(cx - half, bottom), new SKPoint(cx, middle)))
        {
            canvas.DrawPath(left, dark);
            canvas.DrawPath(left, edge);
        }
        using (var right = Triangle(new SKPoint(cx, top), new SKPoint(cx + half, bottom), new SKPoint(cx, middle)))
        {
            canvas.DrawPath(right, light);
            canvas.DrawPath(right, edge);
        }
        text.Draw("北 N", cx, bounds.Top + size * 0.34f, size * 0.28f, bold: true, align: SKTextAlign.Center);
        return bounds;
    }

    private static SKPath Triangle(SKPoint a, SKPoint b, SKPoint c)
    {
        using var builder = new SKPathBuilder();
        builder.AddPoly([a, b, c], true);
        return builder.Detach();
    }
}

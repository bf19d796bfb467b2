using GridGeo.Rendering.Text;
using SkiaSharp;

namespace GridGeo.Rendering.Map;

/// <summary>
/// A scale bar: a round ground length (1, 2 or 5 × 10ⁿ m) near <see cref="TargetFraction"/> of the map's width, drawn
/// in four alternating segments with 0, half and full marks, and the scale "1 : N" beside it (true at the map's centre).
/// </summary>
public static class ScaleBar
{
    public const float TargetFraction = 0.22f;
    private const float BarHeight = 4f;
    private const float FontSize = 7f;

    /// <summary>The round length (metres) the bar shows on <paramref name="frame"/>.</summary>
    public static double Length(ConformalFrame frame)
    {
        var wanted = frame.Target.Width * TargetFraction / frame.PointsPerMetre;
        var power = Math.Pow(10, Math.Floor(Math.Log10(wanted)));
        foreach (var step in new[] { 5.0, 2.0, 1.0 })
            if (step * power <= wanted) return step * power;
        return power;
    }

    /// <summary>The box the bar and its text take with its lower-left corner at <paramref name="bottomLeft"/>.</summary>
    public static SKRect Bounds(ConformalFrame frame, TextPainter text, SKPoint bottomLeft)
    {
        var width = (float)(Length(frame) * frame.PointsPerMetre);
        var caption = Caption(frame);
        var w = Math.Max(width + text.Width(Format(Length(frame)), FontSize) / 2 + 4, text.Width(caption, FontSize)) + 8;
        return new SKRect(bottomLeft.X, bottomLeft.Y - (BarHeight + 3 * FontSize + 10), bottomLeft.X + w, bottomLeft.Y);
    }

    public static SKRect Draw(SKCanvas canvas, ConformalFrame frame, TextPainter text, SKPoint bottomLeft)
    {
        var bounds = Bounds(frame, text, bottomLeft);
        using (var back = MapStyle.Fill(new SKColor(0xFF, 0xFF, 0xFF, 0xE6))) canvas.DrawRect(bounds, back);
        var length = Length(frame);
        var width = (float)(length * frame.PointsPerMetre);
        var x0 = bounds.Left + 4;
        var barTop = bounds.Top + FontSize + 5;
        using var black = MapStyle.Fill(MapStyle.Ink);
        using var white = MapStyle.Fill(SKColors.White);
        using var edge = MapStyle.Stroke(MapStyle.Ink, 0.6f);
        edge.StrokeJoin = SKStrokeJoin.Miter;
        for (var i = 0; i < 4; i++)
        {
            var segment = new SKRect(x0 + i * width / 4, barTop, x0 + (i + 1) * width / 4, barTop + BarHeight);
            canvas.DrawRect(segment, i % 2 == 0 ? black : white);
            canvas.DrawRect(segment, edge);
        }
        var labelY = barTop - 2;
        text.Draw("0", x0, labelY, FontSize, align: SKTextAlign.Center);
        text.Draw(Format(length / 2, withUnit: false), x0 + width / 2, labelY, FontSize, align: SKTextAlign.Center);
        text.Draw(Format(length), x0 + width, labelY, FontSize, align: SKTextAlign.Center);
        text.Draw(Caption(frame), x0, barTop + BarHeight + FontSize + 4, FontSize, color: MapStyle.MutedInk);
        return bounds;
    }

    private static string Caption(ConformalFrame frame) => $"比例尺 Scale 1:{RoundScale(frame.ScaleDenominator):N0}";

    /// <summary>The scale denominator to three significant figures (the figure is true at the centre only).</summary>
    private static double RoundScale(double n)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(n)) - 2);
        return Math.Round(n / power) * power;
    }

    private static string Format(double metres, bool withUnit = true) =>
        metres >= 1000 ? $"{metres / 1000:0.#}{(withUnit ? " km" : "")}" : $"{metres:0.#}{(withUnit ? " m" : "")}";
}

using GridGeo.Rendering.Map;
using SkiaSharp;

namespace GridGeo.Rendering.Pages;

/// <summary>Paper sizes in points (1/72 inch).</summary>
public static class PaperSizes
{
    public static readonly SKSize A4Portrait = new(595.276f, 841.89f);
    public static readonly SKSize A3Landscape = new(1190.551f, 841.89f);
}

/// <summary>One printable page: its paper size and how it draws itself onto a canvas in points.</summary>
public abstract class PrintedPage
{
    public abstract SKSize Size { get; }

    /// <summary>Draws the page on <paramref name="canvas"/> (origin top-left, units points) and says where things went.</summary>
    public abstract PageLayout Draw(SKCanvas canvas);
}

/// <summary>
/// Where a drawn page put things, in points: the map's frame (null on pages without a map), the labels placed on it,
/// and named regions ("header", "map", "legend", "scale", "north", "staff", "qr", …) for checks and tests.
/// </summary>
public sealed record PageLayout(ConformalFrame? Frame, IReadOnlyList<PlacedLabel> Labels, IReadOnlyDictionary<string, SKRect> Regions);

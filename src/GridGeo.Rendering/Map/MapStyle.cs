using GridGeo.Core.Model;
using SkiaSharp;

namespace GridGeo.Rendering.Map;

/// <summary>
/// The colours and line weights of printed maps (points). Fills are light so that text, roads and buildings read on
/// top of them in colour and in greyscale photocopies; each kind also differs in outline so the legend stays true
/// without colour.
/// </summary>
public static class MapStyle
{
    public static readonly SKColor Paper = SKColors.White;
    public static readonly SKColor Ink = new(0x22, 0x22, 0x22);
    public static readonly SKColor MutedInk = new(0x66, 0x66, 0x66);
    public static readonly SKColor Accent = new(0xB7, 0x1C, 0x1C);

    public static readonly SKColor CommunityFill = new(0xFA, 0xF8, 0xF2);
    public static readonly SKColor CommunityLine = new(0x6A, 0x3D, 0x9A);

    public static readonly SKColor GridInBounds = new(0xD5, 0xEC, 0xC8);
    public static readonly SKColor GridOutOfBounds = new(0xF8, 0xC9, 0xA4);
    public static readonly SKColor GridDedicated = new(0xC8, 0xDC, 0xF2);
    public static readonly SKColor GridLine = new(0x2E, 0x4A, 0x2A);
    public static readonly SKColor NeighbourFill = new(0xE6, 0xE6, 0xE6);
    public static readonly SKColor NeighbourLine = new(0x9C, 0x9C, 0x9C);

    public static readonly SKColor LiaisonLine = new(0x3F, 0x7A, 0x3A);
    public static readonly SKColor Building = new(0x6B, 0x55, 0x45, 0xD0);
    public static readonly SKColor BuildingMuted = new(0x90, 0x90, 0x90, 0xB0);

    public static readonly SKColor River = new(0x79, 0xB0, 0xE0);
    public static readonly SKColor RoadCasing = new(0x9A, 0x9A, 0x9A);
    public static readonly SKColor RoadFill = SKColors.White;
    public static readonly SKColor MinorRoad = new(0xB4, 0xB4, 0xB4);
    public static readonly SKColor Railway = new(0x33, 0x33, 0x33);
    public static readonly SKColor Wall = new(0x8B, 0x5A, 0x2B);

    public const float GridLineWidth = 1.1f;
    public const float FocusLineWidth = 2.6f;
    public const float CommunityLineWidth = 1.8f;

    /// <summary>The fill of a grid drawn in full colour: dedicated, or basic within or outside the household bounds.</summary>
    public static SKColor GridFill(Grid grid, HouseholdBounds bounds) =>
        grid.Kind == GridKinds.Dedicated ? GridDedicated : bounds.Holds(grid.Households) ? GridInBounds : GridOutOfBounds;

    /// <summary>The side of a building's square (points): its area grows with its households.</summary>
    public static float BuildingSide(int households, float pointsPerSqrtHousehold) =>
        Math.Clamp(pointsPerSqrtHousehold * MathF.Sqrt(Math.Max(households, 1)), 1.2f, 12f);

    public static SKPaint Fill(SKColor color) => new() { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };

    public static SKPaint Stroke(SKColor color, float width, float[]? dash = null) => new()
    {
        Color = color,
        Style = SKPaintStyle.Stroke,
        StrokeWidth = width,
        IsAntialias = true,
        StrokeJoin = SKStrokeJoin.Round,
        StrokeCap = SKStrokeCap.Round,
        PathEffect = dash is null ? null : SKPathEffect.CreateDash(dash, 0),
    };

    /// <summary>How a barrier kind is drawn: one or two strokes (casing, then fill), bottom first.</summary>
    public static IReadOnlyList<(SKColor Color, float Width, float[]? Dash)> BarrierStrokes(string kind) => kind switch
    {
        BarrierKinds.River => [(River, 4.2f, null)],
        BarrierKinds.MajorRoad => [(RoadCasing, 3.6f, null), (RoadFill, 2.0f, null)],
        BarrierKinds.MinorRoad => [(MinorRoad, 1.3f, null)],
        BarrierKinds.Railway => [(Railway, 2.2f, null), (SKColors.White, 1.2f, [4f, 4f])],
        BarrierKinds.Wall => [(Wall, 0.9f, [2f, 1.5f])],
        _ => [(MutedInk, 1f, null)],
    };

    /// <summary>Barrier kinds in drawing order: walls and minor roads under major roads, rivers and railways.</summary>
    public static int BarrierOrder(string kind) => kind switch
    {
        BarrierKinds.Wall => 0,
        BarrierKinds.MinorRoad => 1,
        BarrierKinds.River => 2,
        BarrierKinds.MajorRoad => 3,
        BarrierKinds.Railway => 4,
        _ => 5,
    };

    /// <summary>The legend text of a barrier kind: Chinese, English.</summary>
    public static (string Chinese, string English) BarrierLabel(string kind) => kind switch
    {
        BarrierKinds.River => ("河流", "River"),
        BarrierKinds.MajorRoad => ("主干道", "Major road"),
        BarrierKinds.MinorRoad => ("支路", "Minor road"),
        BarrierKinds.Railway => ("铁路", "Railway"),
        BarrierKinds.Wall => ("围墙", "Wall"),
        _ => (kind, kind),
    };
}

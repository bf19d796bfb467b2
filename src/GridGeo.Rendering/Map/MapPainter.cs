using GridGeo.Core.Model;
using Barrier = GridGeo.Core.Model.Barrier;
using GridGeo.Rendering.Text;
using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using SkiaSharp;

namespace GridGeo.Rendering.Map;

/// <summary>
/// Draws GridGeo's layers into the map rectangle of a page, clipped to it, through one <see cref="ConformalFrame"/>.
/// Callers draw bottom to top: communities, grid fills, barriers, liaison units, buildings, outlines, then labels.
/// </summary>
public sealed class MapPainter(SKCanvas canvas, ConformalFrame frame, TextPainter text)
{
    public ConformalFrame Frame => frame;

    /// <summary>Runs <paramref name="draw"/> clipped to the map rectangle.</summary>
    public void Clipped(Action draw)
    {
        canvas.Save();
        canvas.ClipRect(frame.Target);
        try { draw(); }
        finally { canvas.Restore(); }
    }

    public void Background(SKColor color)
    {
        using var paint = MapStyle.Fill(color);
        canvas.DrawRect(frame.Target, paint);
    }

    public void Border()
    {
        using var paint = MapStyle.Stroke(MapStyle.Ink, 0.8f);
        paint.StrokeCap = SKStrokeCap.Butt;
        paint.StrokeJoin = SKStrokeJoin.Miter;
        canvas.DrawRect(frame.Target, paint);
    }

    public void Fill(Geometry geometry, SKColor color)
    {
        using var path = PagePaths.Of(geometry, frame);
        using var paint = MapStyle.Fill(color);
        canvas.DrawPath(path, paint);
    }

    public void Outline(Geometry geometry, SKColor color, float width, float[]? dash = null)
    {
        using var path = PagePaths.Of(geometry, frame);
        using var paint = MapStyle.Stroke(color, width, dash);
        canvas.DrawPath(path, paint);
    }

    /// <summary>Roads, rivers, railways and walls, casings first, so that crossings of one kind join cleanly.</summary>
    public void Barriers(IEnumerable<Barrier> barriers)
    {
        foreach (var kind in barriers.GroupBy(b => b.Kind).OrderBy(g => MapStyle.BarrierOrder(g.Key)))
        {
            using var builder = new SKPathBuilder();
            foreach (var barrier in kind)
            {
                using var line = PagePaths.Of(barrier.Line, frame);
                builder.AddPath(line);
            }
            using var path = builder.Detach();
            foreach (var (color, width, dash) in MapStyle.BarrierStrokes(kind.Key))
            {
                using var paint = MapStyle.Stroke(color, width, dash);
                canvas.DrawPath(path, paint);
            }
        }
    }

    /// <summary>Buildings as squares whose area grows with their households (side = <paramref name="pointsPerSqrtHousehold"/>·√households).</summary>
    public void Buildings(IEnumerable<Building> buildings, float pointsPerSqrtHousehold, SKColor color)
    {
        using var paint = MapStyle.Fill(color);
        using var edge = MapStyle.Stroke(SKColors.White, 0.3f);
        var target = SKRect.Inflate(frame.Target, 12, 12);
        foreach (var b in buildings)
        {
            var p = frame.ToPage(b.Location.X, b.Location.Y);
            if (!target.Contains(p)) continue;
            var half = MapStyle.BuildingSide(b.Households, pointsPerSqrtHousehold) / 2;
            var square = new SKRect(p.X - half, p.Y - half, p.X + half, p.Y + half);
            canvas.DrawRect(square, paint);
            // A white edge separates touching squares; below 3 pt it would only blur them (and swell a PDF).
            if (half >= 1.5f) canvas.DrawRect(square, edge);
        }
    }

    /// <summary>
    /// Where a polygon's label goes: the centre of its largest inscribed circle on the page (of its largest part), and
    /// that circle's radius as the label's room.
    /// </summary>
    public (SKPoint Anchor, float Room) LabelAnchor(Geometry geometry, Geometry? pageClip = null)
    {
        // Half a point is far below what a label's position needs, and simplifying first keeps the overlay and the
        // inscribed-circle search cheap on outlines that trace every bend of a road.
        var onPage = DouglasPeuckerSimplifier.Simplify(PagePaths.OnPage(geometry, frame), 0.5);
        if (pageClip is not null)
        {
            var clipped = onPage.Intersection(pageClip);
            if (!clipped.IsEmpty && clipped.Area > 0) onPage = clipped;
        }
        onPage = LargestPart(onPage);
        if (onPage.IsEmpty || onPage.Area <= 0)
        {
            var c = onPage.Centroid.Coordinate ?? onPage.Coordinate;
            return (new SKPoint((float)c.X, (float)c.Y), 0);
        }
        var circle = new MaximumInscribedCircle(onPage, 1.0);
        var centre = circle.GetCenter().Coordinate;
        return (new SKPoint((float)centre.X, (float)centre.Y), (float)circle.GetRadiusLine().Length);
    }

    private static Geometry LargestPart(Geometry geometry)
    {
        if (geometry.NumGeometries <= 1) return geometry;
        Geometry best = geometry.GetGeometryN(0);
        for (var i = 1; i < geometry.NumGeometries; i++)
            if (geometry.GetGeometryN(i).Area > best.Area) best = geometry.GetGeometryN(i);
        return best;
    }

    /// <summary>
    /// The free part of the map rectangle, in page coordinates: the rectangle less the boxes drawn over the map
    /// (legend, scale bar, north arrow), so that label anchors fall where the feature can be seen.
    /// </summary>
    public Geometry FreeArea(IEnumerable<SKRect> covered)
    {
        var factory = new GeometryFactory();
        Geometry free = factory.ToGeometry(new Envelope(frame.Target.Left, frame.Target.Right, frame.Target.Top, frame.Target.Bottom));
        foreach (var r in covered) free = free.Difference(factory.ToGeometry(new Envelope(r.Left, r.Right, r.Top, r.Bottom)));
        return free;
    }

    /// <summary>
    /// Draws placed labels: a leader line and dot for those moved off their anchor, a white box, then the text lines.
    /// </summary>
    public void Labels(IEnumerable<(PlacedLabel Placed, IReadOnlyList<TextLine> Lines)> labels, SKColor border)
    {
        using var box = MapStyle.Fill(new SKColor(0xFF, 0xFF, 0xFF, 0xE6));
        using var edge = MapStyle.Stroke(border, 0.5f);
        using var leader = MapStyle.Stroke(MapStyle.Ink, 0.6f);
        using var dot = MapStyle.Fill(MapStyle.Ink);
        foreach (var (placed, lines) in labels)
        {
            if (placed.HasLeader)
            {
                canvas.DrawLine(placed.Anchor, Nearest(placed.Box, placed.Anchor), leader);
                canvas.DrawCircle(placed.Anchor, 1.4f, dot);
            }
            canvas.DrawRoundRect(placed.Box, 2, 2, box);
            canvas.DrawRoundRect(placed.Box, 2, 2, edge);
            text.DrawCentred(lines, placed.Box);
        }
    }

    /// <summary>The size of a label box holding <paramref name="lines"/> with its padding.</summary>
    public SKSize LabelSize(IReadOnlyList<TextLine> lines)
    {
        var size = text.Measure(lines);
        return new SKSize(size.Width + 2 * LabelPadding, size.Height + 2 * LabelPadding);
    }

    private const float LabelPadding = 1.8f;

    private static SKPoint Nearest(SKRect box, SKPoint p) =>
        new(Math.Clamp(p.X, box.Left, box.Right), Math.Clamp(p.Y, box.Top, box.Bottom));
}

using SkiaSharp;

namespace GridGeo.Rendering.Map;

/// <summary>
/// A label to place: its box size (points), the page point it names (<see cref="Anchor"/>, e.g. the centre of a grid's
/// largest inscribed circle), the free radius around that point inside its feature (<see cref="Room"/>), and whether
/// it must appear (<see cref="Required"/>: placed away from the anchor with a leader line when nothing near is free)
/// or may be dropped (optional labels, such as liaison-unit numbers).
/// </summary>
public sealed record LabelRequest(string Key, SKSize Size, SKPoint Anchor, float Room, bool Required);

/// <summary>A placed label: its box on the page, and whether a leader line joins it to its anchor.</summary>
public sealed record PlacedLabel(string Key, SKRect Box, SKPoint Anchor, bool HasLeader);

/// <summary>
/// Greedy label placement without overlap (after the point-feature candidate model of Christensen, Marks and Shieber,
/// "An empirical study of algorithms for point-feature label placement", 1995, with fixed candidate slots): labels with
/// the least room go first; each takes the first free slot near its anchor, and a required label that finds none
/// searches rings further out and is drawn with a leader line. A slot is free when its box, grown by
/// <see cref="Gap"/>, meets no placed label and no obstacle (legend, scale bar, north arrow) and lies inside the bounds.
/// </summary>
public sealed class LabelPlacer
{
    /// <summary>The clear space kept between two labels (points).</summary>
    public const float Gap = 1.5f;

    private readonly SKRect _bounds;
    private readonly List<SKRect> _taken;
    private readonly List<PlacedLabel> _placed = [];

    public LabelPlacer(SKRect bounds, IEnumerable<SKRect> obstacles)
    {
        _bounds = bounds;
        _taken = obstacles.ToList();
    }

    /// <summary>Every label placed so far.</summary>
    public IReadOnlyList<PlacedLabel> Placed => _placed;

    /// <summary>Places the requests, required ones first and the most cramped first; returns those placed, in request order.</summary>
    public IReadOnlyList<PlacedLabel> PlaceAll(IEnumerable<LabelRequest> requests)
    {
        var list = requests.ToList();
        var order = list.Select((r, i) => (r, i)).OrderByDescending(x => x.r.Required).ThenBy(x => x.r.Room).ThenBy(x => x.i).ToList();
        var result = new PlacedLabel?[list.Count];
        foreach (var (request, index) in order) result[index] = Place(request);
        return result.OfType<PlacedLabel>().ToList();
    }

    /// <summary>Places one label; null when it is optional and nothing near its anchor is free.</summary>
    public PlacedLabel? Place(LabelRequest request)
    {
        foreach (var centre in NearSlots(request))
        {
            var box = BoxAt(centre, request.Size);
            if (IsFree(box)) return Take(new PlacedLabel(request.Key, box, request.Anchor, HasLeader: false));
        }
        if (!request.Required) return null;
        foreach (var centre in RingSlots(request))
        {
            var box = BoxAt(centre, request.Size);
            if (IsFree(box)) return Take(new PlacedLabel(request.Key, box, request.Anchor, HasLeader: true));
        }
        // The page is full: put it on its anchor rather than leave a grid unnamed.
        return Take(new PlacedLabel(request.Key, Clamp(BoxAt(request.Anchor, request.Size)), request.Anchor, HasLeader: false));
    }

    private PlacedLabel Take(PlacedLabel label)
    {
        _placed.Add(label);
        _taken.Add(label.Box);
        return label;
    }

    private static IEnumerable<SKPoint> NearSlots(LabelRequest r)
    {
        var a = r.Anchor;
        yield return a;
        var dy = r.Size.Height * 0.75f;
        var dx = r.Size.Width * 0.4f;
        // Shifted slots keep the label's centre within the feature's free radius, so it still reads as the feature's.
        var room = Math.Max(r.Room, 0);
        (float X, float Y)[] shifts = [(0, -dy), (0, dy), (-dx, 0), (dx, 0), (-dx, -dy), (dx, -dy), (-dx, dy), (dx, dy), (0, -2 * dy), (0, 2 * dy)];
        foreach (var (x, y) in shifts)
            if (MathF.Sqrt(x * x + y * y) <= room) yield return new SKPoint(a.X + x, a.Y + y);
    }

    private IEnumerable<SKPoint> RingSlots(LabelRequest r)
    {
        var step = Math.Max(r.Size.Height, 8f);
        var start = Math.Max(r.Room, 0) + step;
        var limit = MathF.Sqrt(_bounds.Width * _bounds.Width + _bounds.Height * _bounds.Height);
        for (var d = start; d < limit; d += step)
        {
            var count = Math.Clamp((int)(2 * MathF.PI * d / step), 8, 96);
            for (var k = 0; k < count; k++)
            {
                // Start straight above and alternate sides, so the nearest free slot wins whatever its direction.
                var turn = (k + 1) / 2 * (k % 2 == 0 ? 1 : -1);
                var angle = -MathF.PI / 2 + turn * 2 * MathF.PI / count;
                yield return new SKPoint(r.Anchor.X + d * MathF.Cos(angle), r.Anchor.Y + d * MathF.Sin(angle));
            }
        }
    }

    private static SKRect BoxAt(SKPoint centre, SKSize size) =>
        new(centre.X - size.Width / 2, centre.Y - size.Height / 2, centre.X + size.Width / 2, centre.Y + size.Height / 2);

    private SKRect Clamp(SKRect box)
    {
        var dx = box.Left < _bounds.Left ? _bounds.Left - box.Left : box.Right > _bounds.Right ? _bounds.Right - box.Right : 0;
        var dy = box.Top < _bounds.Top ? _bounds.Top - box.Top : box.Bottom > _bounds.Bottom ? _bounds.Bottom - box.Bottom : 0;
        box.Offset(dx, dy);
        return box;
    }

    private bool IsFree(SKRect box)
    {
        if (box.Left < _bounds.Left || box.Top < _bounds.Top || box.Right > _bounds.Right || box.Bottom > _bounds.Bottom) return false;
        var grown = SKRect.Inflate(box, Gap, Gap);
        foreach (var other in _taken)
            if (grown.IntersectsWith(other)) return false;
        return true;
    }
}

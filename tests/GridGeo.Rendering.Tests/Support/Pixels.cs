using SkiaSharp;

namespace GridGeo.Rendering.Tests.Support;

/// <summary>A decoded raster of a rendered page with helpers that look at it in page points.</summary>
public sealed class Pixels : IDisposable
{
    private readonly SKBitmap _bitmap;

    public Pixels(byte[] png, float dpi)
    {
        _bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a decodable image");
        Scale = dpi / 72f;
    }

    public Pixels(string path, float dpi) : this(File.ReadAllBytes(path), dpi) { }

    /// <summary>Pixels per point.</summary>
    public float Scale { get; }

    public int Width => _bitmap.Width;
    public int Height => _bitmap.Height;

    public SKColor At(float xPoints, float yPoints) =>
        _bitmap.GetPixel(Math.Clamp((int)(xPoints * Scale), 0, Width - 1), Math.Clamp((int)(yPoints * Scale), 0, Height - 1));

    /// <summary>The share of pixels in <paramref name="rectPoints"/> for which <paramref name="match"/> holds.</summary>
    public double Share(SKRect rectPoints, Func<SKColor, bool> match)
    {
        int hits = 0, total = 0;
        for (var y = (int)(rectPoints.Top * Scale); y < (int)(rectPoints.Bottom * Scale); y++)
            for (var x = (int)(rectPoints.Left * Scale); x < (int)(rectPoints.Right * Scale); x++)
            {
                if (x < 0 || y < 0 || x >= Width || y >= Height) continue;
                total++;
                if (match(_bitmap.GetPixel(x, y))) hits++;
            }
        return total == 0 ? 0 : (double)hits / total;
    }

    /// <summary>Whether any pixel within <paramref name="radiusPoints"/> of the point matches.</summary>
    public bool AnyNear(SKPoint p, float radiusPoints, Func<SKColor, bool> match)
    {
        var r = (int)Math.Ceiling(radiusPoints * Scale);
        var cx = (int)(p.X * Scale);
        var cy = (int)(p.Y * Scale);
        for (var y = cy - r; y <= cy + r; y++)
            for (var x = cx - r; x <= cx + r; x++)
                if (x >= 0 && y >= 0 && x < Width && y < Height && match(_bitmap.GetPixel(x, y))) return true;
        return false;
    }

    public static bool IsDark(SKColor c) => c.Red + c.Green + c.Blue < 3 * 110;

    public static bool IsInk(SKColor c) => c.Red + c.Green + c.Blue < 3 * 200;

    /// <summary>Close to <paramref name="target"/> in every channel.</summary>
    public static Func<SKColor, bool> Near(SKColor target, int tolerance = 40) => c =>
        Math.Abs(c.Red - target.Red) <= tolerance && Math.Abs(c.Green - target.Green) <= tolerance && Math.Abs(c.Blue - target.Blue) <= tolerance;

    public void Dispose() => _bitmap.Dispose();
}

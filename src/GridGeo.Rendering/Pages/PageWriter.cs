using SkiaSharp;

namespace GridGeo.Rendering.Pages;

/// <summary>Writes printed pages as PDF (vector, through Skia's <see cref="SKDocument"/>) or as a PNG raster of one page.</summary>
public static class PageWriter
{
    /// <summary>The resolution PNG pages are rendered at unless asked otherwise.</summary>
    public const float DefaultDpi = 150;

    /// <summary>Writes <paramref name="pages"/> as one PDF document to <paramref name="output"/>; returns each page's layout.</summary>
    public static IReadOnlyList<PageLayout> WritePdf(Stream output, IEnumerable<PrintedPage> pages, string title, DateTimeOffset? created = null)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "GridGeo",
            Producer = "GridGeo (SkiaSharp)",
            Creation = (created ?? DateTimeOffset.UtcNow).UtcDateTime,
            Modified = (created ?? DateTimeOffset.UtcNow).UtcDateTime,
            RasterDpi = 300,
        };
        var layouts = new List<PageLayout>();
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            foreach (var page in pages)
            {
                var canvas = document.BeginPage(page.Size.Width, page.Size.Height);
                layouts.Add(page.Draw(canvas));
                document.EndPage();
            }
            document.Close();
        }
        return layouts;
    }

    /// <summary>Renders one page to a PNG at <paramref name="dpi"/>; returns the image bytes and the page's layout (in points).</summary>
    public static (byte[] Png, PageLayout Layout) RenderPng(PrintedPage page, float dpi = DefaultDpi)
    {
        if (dpi is < 36 or > 600) throw new ArgumentOutOfRangeException(nameof(dpi), dpi, "dpi must be between 36 and 600");
        var scale = dpi / 72f;
        var info = new SKImageInfo((int)Math.Ceiling(page.Size.Width * scale), (int)Math.Ceiling(page.Size.Height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"could not make a {info.Width}×{info.Height} drawing surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        var layout = page.Draw(canvas);
        canvas.Flush();
        using var pixels = surface.PeekPixels() ?? throw new InvalidOperationException("the drawing surface has no readable pixels");
        // zlib level 4: a page of flat colours compresses nearly as well as at 9, in a fraction of the time.
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 4)) ?? throw new InvalidOperationException("PNG encoding failed");
        return (data.ToArray(), layout);
    }
}

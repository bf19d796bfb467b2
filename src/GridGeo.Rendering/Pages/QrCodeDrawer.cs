using QRCoder;
using SkiaSharp;

namespace GridGeo.Rendering.Pages;

/// <summary>Draws a QR code (QRCoder's module matrix, error correction M) as vector squares, so that it stays sharp in PDF.</summary>
public static class QrCodeDrawer
{
    /// <summary>Draws the code of <paramref name="payload"/> filling the square <paramref name="box"/>, quiet zone included.</summary>
    public static void Draw(SKCanvas canvas, string payload, SKRect box)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var n = matrix.Count;
        var side = Math.Min(box.Width, box.Height);
        var module = side / n;
        using var builder = new SKPathBuilder();
        for (var row = 0; row < n; row++)
        {
            var bits = matrix[row];
            var col = 0;
            while (col < n)
            {
                if (!bits[col]) { col++; continue; }
                var start = col;
                while (col < n && bits[col]) col++;
                // One rectangle per run of dark modules; a hair of overlap hides anti-aliasing seams between rows.
                builder.AddRect(new SKRect(box.Left + start * module, box.Top + row * module, box.Left + col * module, box.Top + (row + 1) * module + 0.05f));
            }
        }
        using var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
        using var black = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false };
        canvas.DrawRect(new SKRect(box.Left, box.Top, box.Left + side, box.Top + side), white);
        using var path = builder.Detach();
        canvas.DrawPath(path, black);
    }
}

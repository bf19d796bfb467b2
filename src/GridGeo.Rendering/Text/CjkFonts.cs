using System.Diagnostics;
using SkiaSharp;

namespace GridGeo.Rendering.Text;

/// <summary>
/// The Noto Sans CJK SC typefaces (regular and bold) every printed page draws its text with, Chinese and Latin alike,
/// so that no character falls back to a tofu box. Found by path: <c>GRIDGEO_CJK_FONT</c> (a .ttc/.otf of the regular
/// weight) when set, else Debian's <c>fonts-noto-cjk</c> files, else whatever fontconfig's <c>fc-match</c> names for
/// "Noto Sans CJK SC". The Skia build in use carries no fontconfig, so the system font manager cannot be asked.
/// </summary>
public sealed class CjkFonts
{
    /// <summary>The family looked for inside a font collection (.ttc): the simplified-Chinese face of Noto Sans CJK.</summary>
    public const string Family = "Noto Sans CJK SC";

    private const string DebianDirectory = "/usr/share/fonts/opentype/noto";
    private static readonly Lazy<CjkFonts> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private CjkFonts(SKTypeface regular, SKTypeface bold, string regularPath)
    {
        Regular = regular;
        Bold = bold;
        RegularPath = regularPath;
    }

    /// <summary>The regular weight.</summary>
    public SKTypeface Regular { get; }

    /// <summary>The bold weight (the regular one when no bold file is installed).</summary>
    public SKTypeface Bold { get; }

    /// <summary>The file the regular weight was read from.</summary>
    public string RegularPath { get; }

    /// <summary>The fonts, loaded once per process; throws <see cref="FontNotFoundException"/> when Noto Sans CJK is not installed.</summary>
    public static CjkFonts Instance => Shared.Value;

    /// <summary>A font of the regular or bold face at <paramref name="size"/> points.</summary>
    public SKFont Font(float size, bool bold = false) => new(bold ? Bold : Regular, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private static CjkFonts Load()
    {
        var regularPath = FindRegularFile() ?? throw new FontNotFoundException(
            $"the font {Family} was not found (looked at GRIDGEO_CJK_FONT, {DebianDirectory} and fc-match): " +
            "install Debian's fonts-noto-cjk (scripts/ensure-fonts.sh does) or set GRIDGEO_CJK_FONT to a Noto Sans CJK .ttc/.otf file");
        var regular = OpenFace(regularPath) ?? throw new FontNotFoundException($"{regularPath} holds no {Family} face that draws Chinese text");
        var boldPath = BoldSibling(regularPath);
        var bold = boldPath is null ? null : OpenFace(boldPath);
        return new CjkFonts(regular, bold ?? regular, regularPath);
    }

    private static string? FindRegularFile()
    {
        var configured = Environment.GetEnvironmentVariable("GRIDGEO_CJK_FONT");
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? configured : throw new FontNotFoundException($"GRIDGEO_CJK_FONT names {configured}, which does not exist");
        foreach (var name in new[] { "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansCJK-Regular.otf" })
        {
            var path = Path.Combine(DebianDirectory, name);
            if (File.Exists(path)) return path;
        }
        return FcMatch($"{Family}:style=Regular");
    }

    private static string? BoldSibling(string regularPath)
    {
        var candidate = regularPath.Replace("-Regular", "-Bold", StringComparison.Ordinal);
        return candidate != regularPath && File.Exists(candidate) ? candidate : FcMatch($"{Family}:style=Bold");
    }

    /// <summary>The face of <see cref="Family"/> in a font file or collection; null when the file has none that maps 网格.</summary>
    private static SKTypeface? OpenFace(string path)
    {
        SKTypeface? fallback = null;
        // A collection (.ttc) holds one face per region; pick the simplified-Chinese one by name.
        for (var index = 0; index < 32; index++)
        {
            var face = SKTypeface.FromFile(path, index);
            if (face is null) break;
            bool drawsChinese;
            using (var probe = new SKFont(face)) drawsChinese = probe.ContainsGlyphs("网格公示牌");
            if (!drawsChinese) { face.Dispose(); continue; }
            if (face.FamilyName == Family)
            {
                fallback?.Dispose();
                return face;
            }
            if (fallback is null) fallback = face;
            else face.Dispose();
        }
        return fallback;
    }

    private static string? FcMatch(string pattern)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fc-match", ["-f", "%{file}", pattern])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var file = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return file.Length > 0 && File.Exists(file) && file.Contains("CJK", StringComparison.OrdinalIgnoreCase) ? file : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // fontconfig is not installed
        }
    }
}

/// <summary>Noto Sans CJK is not installed where the renderer looks for it.</summary>
public sealed class FontNotFoundException(string message) : Exception(message);

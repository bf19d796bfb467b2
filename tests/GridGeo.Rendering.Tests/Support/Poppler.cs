using System.Diagnostics;

namespace GridGeo.Rendering.Tests.Support;

/// <summary>
/// Debian's poppler-utils, as a reader independent of Skia: <c>pdftoppm</c> rasterises a PDF page, <c>pdftotext</c>
/// extracts its text (through the fonts' ToUnicode maps), <c>pdfinfo</c> counts its pages. Installed by
/// scripts/ensure-fonts.sh; a missing tool fails the test with that instruction.
/// </summary>
public static class Poppler
{
    public static string PageToPng(string pdf, int page, int dpi)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pdf)!, Path.GetFileNameWithoutExtension(pdf) + $"-p{page}");
        Run("pdftoppm", "-png", "-r", dpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), "-singlefile", pdf, prefix);
        return prefix + ".png";
    }

    public static string Text(string pdf) => Run("pdftotext", "-enc", "UTF-8", pdf, "-");

    public static int Pages(string pdf)
    {
        var info = Run("pdfinfo", pdf);
        var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim());
    }

    private static string Run(string tool, params string[] args)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{tool} is not installed: run scripts/ensure-fonts.sh (Debian poppler-utils)");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
            return output.Result;
        }
    }
}

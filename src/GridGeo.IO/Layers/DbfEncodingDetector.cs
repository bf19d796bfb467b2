using System.Text;

namespace GridGeo.IO.Layers;

/// <summary>
/// The text encoding of a shapefile's <c>.dbf</c>: what its <c>.cpg</c> names (<c>UTF-8</c>, <c>GBK</c>, <c>936</c>,
/// <c>GB2312</c>, <c>GB18030</c>, …), else what the dBASE language driver byte says (0x4D / 0x7A: GBK), else found from
/// the bytes: UTF-8 when the records are valid UTF-8, GBK (code page 936, what Chinese ArcGIS and SuperMap write) otherwise.
/// </summary>
public static class DbfEncodingDetector
{
    static DbfEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GBK (code page 936).</summary>
    public static Encoding Gbk { get; } = GetCodePage(936);

    private static Encoding GetCodePage(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    /// <summary>
    /// The encoding of <paramref name="dbfPath"/> and where it came from ("cpg", "language driver", "detected"). A
    /// <c>.cpg</c> naming an unknown encoding is a <see cref="Core.BadInputException"/> naming the <c>.cpg</c>.
    /// </summary>
    public static (Encoding Encoding, string Source) Detect(string dbfPath)
    {
        var cpg = Path.ChangeExtension(dbfPath, ".cpg");
        if (File.Exists(cpg))
        {
            var text = File.ReadAllText(cpg).Trim();
            if (text.Length > 0) return (FromName(text, Path.GetFileName(cpg)), "cpg");
        }

        using var stream = File.OpenRead(dbfPath);
        var header = new byte[32];
        if (stream.Read(header, 0, 32) < 32) return (Encoding.UTF8, "detected");
        var ldid = header[29];
        if (ldid is 0x4D or 0x7A) return (Gbk, "language driver");

        int headerSize = BitConverter.ToUInt16(header, 8);
        stream.Position = headerSize;
        var sample = new byte[Math.Min(4 << 20, Math.Max(0, stream.Length - headerSize))];
        var read = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        return (IsUtf8(sample.AsSpan(0, read)) ? new UTF8Encoding(false) : Gbk, "detected");
    }

    /// <summary>The encoding a <c>.cpg</c> names.</summary>
    public static Encoding FromName(string name, string source)
    {
        var n = name.Trim().ToUpperInvariant().Replace("-", "").Replace("_", "");
        try
        {
            return n switch
            {
                "UTF8" or "65001" => new UTF8Encoding(false),
                "GBK" or "936" or "CP936" or "GB2312" or "ANSI936" or "MS936" or "WINDOWS936" => Gbk,
                "GB18030" or "54936" => GetCodePage(54936),
                "BIG5" or "950" or "CP950" => GetCodePage(950),
                "LATIN1" or "ISO88591" or "88591" or "28591" => GetCodePage(28591),
                "1252" or "CP1252" or "WINDOWS1252" or "ANSI1252" => GetCodePage(1252),
                _ when int.TryParse(n, out var codePage) => GetCodePage(codePage),
                _ => GetEncodingByName(name.Trim()),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new Core.BadInputException(source, null, $"names the unknown text encoding \"{name.Trim()}\"; use UTF-8 or GBK");
        }
    }

    private static Encoding GetEncodingByName(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        // A record cut at the end of the sample may end inside a character: judge only complete sequences.
        var end = bytes.Length;
        for (var back = 1; back <= 3 && back <= end; back++)
        {
            var b = bytes[end - back];
            if ((b & 0xC0) != 0x80)
            {
                if (b >= 0xC0) end -= back;
                break;
            }
        }
        return System.Text.Unicode.Utf8.IsValid(bytes[..end]);
    }
}

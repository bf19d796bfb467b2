using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GridGeo.Core;
using GridGeo.IO.Points;

namespace GridGeo.Api.Locate;

/// <summary>
/// The body of <c>POST /api/locate</c>: a JSON array of <c>{"id","lon","lat"}</c> or CSV <c>id,lon,lat</c> (by
/// Content-Type, else by its first character). It is read whole (it is bounded by
/// <see cref="LocateOptions.MaxBodyBytes"/>) and checked before any answer is written, so bad input is always a
/// clean 400 naming <c>body</c>, the point or line, and the rule.
/// </summary>
public sealed class PointsBody
{
    public const string Parameter = "body";

    private PointsBody(bool isCsv, List<string> ids, List<double> lons, List<double> lats)
    {
        IsCsv = isCsv;
        Ids = ids;
        Lons = lons;
        Lats = lats;
    }

    public bool IsCsv { get; }
    public List<string> Ids { get; }
    public List<double> Lons { get; }
    public List<double> Lats { get; }
    public int Count => Ids.Count;

    public static async Task<PointsBody> ReadAsync(HttpRequest request, LocateOptions options, CancellationToken ct)
    {
        var limit = options.MaxBodyBytes;
        if (request.ContentLength > limit) throw TooLarge(request.ContentLength.Value, limit, options);
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 1 << 16, limit) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(1 << 16);
            var n = await request.Body.ReadAsync(memory, ct);
            if (n == 0) break;
            buffer.Advance(n);
            if (buffer.WrittenCount > limit) throw TooLarge(null, limit, options);
        }
        var bytes = buffer.WrittenMemory;
        var type = request.ContentType ?? "";
        var first = FirstNonSpace(bytes.Span);
        var isCsv = type.Contains("csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)
                    || (!type.Contains("json", StringComparison.OrdinalIgnoreCase) && first is not ((byte)'[' or (byte)'{'));
        if (first < 0) throw new BadInputException(Parameter, null, "the body is empty: send a JSON array of {id, lon, lat} or CSV id,lon,lat");
        var body = isCsv ? ReadCsv(bytes, options) : ReadJson(bytes.Span, options);
        if (body.Count == 0) throw new BadInputException(Parameter, null, "the body holds no points");
        return body;
    }

    private static PointsBody ReadCsv(ReadOnlyMemory<byte> bytes, LocateOptions options)
    {
        var reader = new PointCsvReader(new StringReader(Encoding.UTF8.GetString(bytes.Span)), Parameter);
        var batch = new PointBatch(1 << 14);
        var body = new PointsBody(true, [], [], []);
        while (reader.ReadBatch(batch))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                body.Ids.Add(batch.Ids[i]);
                body.Lons.Add(batch.Lons[i]);
                body.Lats.Add(batch.Lats[i]);
            }
            if (body.Count > options.MaxBatchPoints) throw TooMany(options);
        }
        return body;
    }

    private static PointsBody ReadJson(ReadOnlySpan<byte> bytes, LocateOptions options)
    {
        var body = new PointsBody(false, [], [], []);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw new BadInputException(Parameter, null, "must be a JSON array of {id, lon, lat} objects (or CSV id,lon,lat with Content-Type text/csv)");
            var number = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                number++;
                if (body.Count >= options.MaxBatchPoints) throw TooMany(options);
                if (reader.TokenType != JsonTokenType.StartObject) throw new BadInputException(Parameter, $"point {number}", "must be an object {id, lon, lat}");
                string? id = null;
                double? lon = null, lat = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString();
                    reader.Read();
                    switch (name)
                    {
                        case "id": id = reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType == JsonTokenType.Number ? Encoding.UTF8.GetString(reader.ValueSpan) : null; break;
                        case "lon" or "lng": lon = Number(ref reader, number, "lon"); break;
                        case "lat": lat = Number(ref reader, number, "lat"); break;
                        default: reader.Skip(); break;
                    }
                }
                var item = id is null ? $"point {number}" : $"point {number} (id \"{id}\")";
                if (string.IsNullOrWhiteSpace(id)) throw new BadInputException(Parameter, item, "id is missing or empty");
                if (lon is null) throw new BadInputException(Parameter, item, "lon is missing");
                if (lat is null) throw new BadInputException(Parameter, item, "lat is missing");
                if (lon is < -180 or > 180) throw new BadInputException(Parameter, item, $"lon {Format(lon.Value)} is outside -180…180");
                if (lat is < -90 or > 90) throw new BadInputException(Parameter, item, $"lat {Format(lat.Value)} is outside -90…90");
                body.Ids.Add(id);
                body.Lons.Add(lon.Value);
                body.Lats.Add(lat.Value);
            }
        }
        catch (JsonException ex)
        {
            throw new BadInputException(Parameter, $"line {ex.LineNumber + 1}", $"not valid JSON ({ex.Message.Split('.')[0]})");
        }
        return body;
    }

    private static double Number(ref Utf8JsonReader reader, int number, string name)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var v) && double.IsFinite(v)) return v;
        if (reader.TokenType == JsonTokenType.String && double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v)) return v;
        throw new BadInputException(Parameter, $"point {number}", $"{name} must be a number, not {Encoding.UTF8.GetString(reader.ValueSpan)}");
    }

    private static int FirstNonSpace(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)) return b;
        return -1;
    }

    private static string Format(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static BadInputException TooMany(LocateOptions options) =>
        new(Parameter, null, $"more than {options.MaxBatchPoints} points; send at most {options.MaxBatchPoints} per request");

    // 413, not 400: the body is refused for its size (BadInputExceptionHandler names the body).
    private static BadHttpRequestException TooLarge(long? length, long limit, LocateOptions options) =>
        new($"{Parameter}: {(length is null ? "the body is" : $"the body has {length} bytes,")} above the limit of {limit} bytes for at most {options.MaxBatchPoints} points per request", StatusCodes.Status413PayloadTooLarge);
}

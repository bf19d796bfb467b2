using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridGeo.Api.Shared;
using GridGeo.Core.Geo;
using GridGeo.Storage.Lookup;

namespace GridGeo.Api.Locate;

/// <summary>
/// "Which grid" (contract §4): <c>GET /api/locate?lon=&amp;lat=&amp;crs=</c> for one point, <c>POST /api/locate</c> for
/// a batch (answers streamed, one per point, in order) — both from the in-memory <see cref="LocatorSnapshot"/> of the
/// current plan — and <c>GET /api/locate/address?q=&amp;limit=</c>, the door-plate search in the database.
/// </summary>
public static class LocateApi
{
    private static readonly TimeSpan FirstBuildWait = TimeSpan.FromSeconds(30);

    // Answers go out in chunks of about this size: few enough flushes that a batch is not paced by the
    // scheduler, small enough that the client starts reading long before the last point is written.
    private const int FlushBytes = 1 << 20;
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] Outside = "\"grid\":null,\"community\":null,\"street\":null,\"county\":null,\"liaison_unit\":null}"u8.ToArray();

    public static IServiceCollection AddLocate(this IServiceCollection services)
    {
        services.AddSingleton(sp => LocateOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<LocateStore>();
        services.AddSingleton<LocatorCache>();
        services.AddSingleton<ILocatorProvider>(sp => sp.GetRequiredService<LocatorCache>());
        services.AddHostedService(sp => sp.GetRequiredService<LocatorCache>());
        return services;
    }

    public static IEndpointRouteBuilder MapLocateApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/locate").WithTags("Locate");
        group.MapGet("", LocateOneAsync)
            .WithSummary("the grid, code chain and liaison unit of one point; crs = wgs84 (default), cgcs2000, gcj02 or bd09; include=staff (with a key) adds the grid worker, grid head and liaison head")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("", LocateManyAsync)
            .WithSummary("many points: a JSON array of {id, lon, lat} or CSV id,lon,lat; one answer per point, in order, in the same format")
            .Accepts<PointIn[]>("application/json", "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/address", SearchAddressAsync)
            .WithSummary("door-plate search on the stored households: exact match first, then similar addresses (typos, missing parts); include=staff (with a key) adds the people serving each result's grid")
            .Produces<AddressResults>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>A point of a POST batch (for the OpenAPI description).</summary>
    public sealed record PointIn(string Id, double Lon, double Lat);

    /// <summary>The answer of the address search.</summary>
    public sealed record AddressResults(IReadOnlyList<AddressResult> Results);

    public sealed record AddressResult(string Address, string HouseholdId, string BuildingId, double Score, CodeRef? Grid, CodeRef? LiaisonUnit);

    public sealed record CodeRef(string Code);

    private static async Task<IResult> LocateOneAsync(string? lon, string? lat, string? crs, string? include, HttpContext http, ILocatorProvider provider)
    {
        if (!TryCoordinate(lon, "lon", 180, out var x, out var error) || !TryCoordinate(lat, "lat", 90, out var y, out error)) return error!;
        if (!CoordinateSystems.TryParse(crs, out var system)) return BadCrs(crs);
        var snapshot = provider.Current ?? await provider.GetAsync(FirstBuildWait, http.RequestAborted);
        if (snapshot is null) return NotReady();
        var p = CoordinateConverter.ToWgs84(x, y, system);
        var index = snapshot.Grids.LocateIndex(p.Lon, p.Lat);
        if (index < 0)
            return ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture,
                $"the point ({x}, {y}) in {CoordinateSystems.NameOf(system)} lies outside every current grid ({snapshot.Grids.Grids.Count} grids)"));
        var (grid, unit) = snapshot.Answer(index, p.Lon, p.Lat);
        if (include is not null)
            return await Staffing.StaffLookup.LocateAnswerAsync(http, include, grid, unit, snapshot.Grids.Grids[index].Code, snapshot.UnitCode(index, p.Lon, p.Lat));
        return new TwoPartJson(grid, unit);
    }

    /// <summary>A JSON body written from two pre-encoded parts.</summary>
    private sealed class TwoPartJson(byte[] first, byte[] second) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = first.Length + second.Length;
            response.BodyWriter.Write(first);
            response.BodyWriter.Write(second);
            return response.BodyWriter.FlushAsync(http.RequestAborted).AsTask();
        }
    }

    /// <summary>A body written by <paramref name="write"/> as it goes.</summary>
    private sealed class Streamed(Func<HttpContext, Task> write) : IResult
    {
        public Task ExecuteAsync(HttpContext http) => write(http);
    }

    private static async Task<IResult> LocateManyAsync(string? crs, HttpContext http, ILocatorProvider provider, LocateOptions options)
    {
        if (!CoordinateSystems.TryParse(crs, out var system)) return BadCrs(crs);
        var body = await PointsBody.ReadAsync(http.Request, options, http.RequestAborted);
        var snapshot = provider.Current ?? await provider.GetAsync(FirstBuildWait, http.RequestAborted);
        if (snapshot is null) return NotReady();

        var n = body.Count;
        var found = new int[n];
        var wgsLon = new double[n];
        var wgsLat = new double[n];
        var parts = n < 4096 ? 1 : Environment.ProcessorCount;
        Parallel.For(0, parts, part =>
        {
            for (int i = (int)((long)n * part / parts), end = (int)((long)n * (part + 1) / parts); i < end; i++)
            {
                var p = CoordinateConverter.ToWgs84(body.Lons[i], body.Lats[i], system);
                (wgsLon[i], wgsLat[i]) = (p.Lon, p.Lat);
                found[i] = snapshot.Grids.LocateIndex(p.Lon, p.Lat);
            }
        });

        return new Streamed(h => WriteAnswersAsync(h, body, snapshot, found, wgsLon, wgsLat));
    }

    private static async Task WriteAnswersAsync(HttpContext http, PointsBody body, LocatorSnapshot snapshot, int[] found, double[] wgsLon, double[] wgsLat)
    {
        var n = body.Count;
        var response = http.Response;
        var writer = response.BodyWriter;
        if (body.IsCsv)
        {
            response.ContentType = "text/csv; charset=utf-8";
            writer.Write("id,grid_code,liaison_unit_code\n"u8);
            for (var i = 0; i < n; i++)
            {
                WriteUtf8(writer, IO.Csv.CsvLine.Escape(body.Ids[i]));
                writer.Write(","u8);
                if (found[i] >= 0)
                {
                    WriteUtf8(writer, snapshot.Grids.Grids[found[i]].Code);
                    writer.Write(","u8);
                    var unit = snapshot.UnitCode(found[i], wgsLon[i], wgsLat[i]);
                    if (unit is not null) WriteUtf8(writer, unit);
                }
                else writer.Write(","u8);
                writer.Write("\n"u8);
                if (writer.UnflushedBytes > FlushBytes) await writer.FlushAsync(http.RequestAborted);
            }
        }
        else
        {
            response.ContentType = "application/json; charset=utf-8";
            writer.Write("["u8);
            for (var i = 0; i < n; i++)
            {
                writer.Write(i == 0 ? "{\"id\":"u8 : ",\n{\"id\":"u8);
                writer.Write("\""u8);
                writer.Write(JsonEncodedText.Encode(body.Ids[i], JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
                writer.Write("\","u8);
                if (found[i] >= 0)
                {
                    var (grid, unit) = snapshot.Answer(found[i], wgsLon[i], wgsLat[i]);
                    writer.Write(grid.AsSpan(1));
                    writer.Write(unit);
                }
                else writer.Write(Outside);
                if (writer.UnflushedBytes > FlushBytes) await writer.FlushAsync(http.RequestAborted);
            }
            writer.Write("]\n"u8);
        }
        await writer.FlushAsync(http.RequestAborted);
    }

    private static async Task<IResult> SearchAddressAsync(string? q, string? limit, string? include, HttpContext http, LocateStore store, LocateOptions options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return ApiProblems.BadParameter("q", "is required: a door-plate address, e.g. 幸福路12号3栋2单元302室");
        if (q.Length > 200) return ApiProblems.BadParameter("q", $"has {q.Length} characters; at most 200");
        if (!q.Any(char.IsLetterOrDigit)) return ApiProblems.BadParameter("q", "has no letters or digits to search for");
        var max = 10;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out max) || max < 1 || max > options.MaxAddressResults))
            return ApiProblems.BadParameter("limit", $"must be an integer from 1 to {options.MaxAddressResults}, not \"{limit}\"");
        var matches = await store.SearchAddressesAsync(q.Trim(), max, ct);
        var results = matches.Select(m => new AddressResult(m.Address, m.HouseholdId, m.BuildingId, m.Score,
            m.GridCode is null ? null : new CodeRef(m.GridCode), m.LiaisonUnitCode is null ? null : new CodeRef(m.LiaisonUnitCode))).ToList();
        if (include is not null)
            return await Staffing.StaffLookup.AddressAnswerAsync(http, include, JsonSerializer.SerializeToNode(new AddressResults(results), SnakeCase)!,
                matches.Select(m => (m.GridCode, m.LiaisonUnitCode)).ToList());
        return Results.Json(new AddressResults(results), SnakeCase);
    }

    private static readonly JsonSerializerOptions SnakeCase = new(Json) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static bool TryCoordinate(string? text, string name, double bound, out double value, out IResult? error)
    {
        error = null;
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
            error = ApiProblems.BadParameter(name, $"is required: a {(name == "lon" ? "longitude" : "latitude")} in degrees, -{bound}…{bound}");
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            error = ApiProblems.BadParameter(name, $"\"{text}\" is not a number");
        else if (value < -bound || value > bound)
            error = ApiProblems.BadParameter(name, $"{text} is outside -{bound}…{bound}");
        return error is null;
    }

    private static IResult BadCrs(string? crs) =>
        ApiProblems.BadParameter("crs", $"unknown coordinate system \"{crs}\"; allowed: {string.Join(", ", CoordinateSystems.Names)}");

    private static IResult NotReady() => ApiProblems.Unavailable("the grid index of the current plan is not built yet (is the database up?)");

    private static void WriteUtf8(PipeWriter writer, string text)
    {
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        writer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}

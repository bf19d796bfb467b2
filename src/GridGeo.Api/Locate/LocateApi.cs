using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridGeo.Api.Auth;
using GridGeo.Api.Shared;
using GridGeo.Core.Geo;
using GridGeo.Core.Lookup;
using GridGeo.Storage;
using GridGeo.Storage.Lookup;
using GridGeo.Storage.Plans;

namespace GridGeo.Api.Locate;

/// <summary>
/// "Which grid" (contract §4): <c>GET /api/locate?lon=&amp;lat=&amp;crs=</c> for one point, <c>POST /api/locate</c> for
/// a batch (answers streamed, one per point, in order) — both from the in-memory <see cref="LocatorSnapshot"/> of the
/// current plan — and <c>GET /api/locate/address?q=&amp;limit=&amp;county=&amp;street=</c>, the door-plate search on the
/// snapshot's <see cref="DoorPlateIndex"/>, held to a county or street when given (<see cref="DoorPlateAreaParameters"/>).
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
        // Lookups read from the replica when one is configured (ReadDatabase), grids and households alike.
        services.AddSingleton(sp =>
        {
            var read = sp.GetRequiredService<ReadDatabase>().DataSource;
            return new LocateStore(read, new PlanStore(read));
        });
        services.AddChangeFeed();
        services.AddSingleton<LocatorCache>();
        services.AddSingleton<ILocatorProvider>(sp => sp.GetRequiredService<LocatorCache>());
        services.AddHostedService(sp => sp.GetRequiredService<LocatorCache>());
        return services;
    }

    public static IEndpointRouteBuilder MapLocateApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/locate").WithTags("Locate");
        // A singleton, taken once: resolving it per request would make every lookup open a service scope.
        var provider = app.ServiceProvider.GetRequiredService<ILocatorProvider>();
        group.MapGet("", (string? lon, string? lat, string? crs, string? include, HttpContext http) => LocateOne(lon, lat, crs, include, http, provider))
            .CallerFreeUnless("include")
            .WithSummary("the grid, code chain and liaison unit of one point; crs = wgs84 (default), cgcs2000, gcj02 or bd09; include=staff (with a key) adds the grid worker, grid head and liaison head")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("", LocateManyAsync)
            .ReadOnly()
            .WithSummary("many points: a JSON array of {id, lon, lat} or CSV id,lon,lat; one answer per point, in order, in the same format")
            .Accepts<PointIn[]>("application/json", "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/address", SearchAddressAsync)
            .RequirePersonalDataAccess()
            .WithSummary("door-plate search on the stored households and buildings: exact door plates first (any spelling), then tolerated ones (a misspelt name, swapped numbers); a known building with no household on record answers with household_id null; county= (6 digits) and/or street= (9 digits) search only there; each result names its county, and ambiguous_counties lists the counties when the best matches lie in more than one; include=staff (with a key) adds the people serving each result's grid")
            .Produces<AddressResults>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // The benchmark's floor (scripts/bench-lookup.sh): the same route group and middleware, no work, a tiny answer.
        if (app.ServiceProvider.GetRequiredService<LocateOptions>().EmptyEndpoint)
            group.MapGet("/empty", () => EmptyAnswer.Instance).CallerFreeUnless().ExcludeFromDescription();
        return app;
    }

    /// <summary>A point of a POST batch (for the OpenAPI description).</summary>
    public sealed record PointIn(string Id, double Lon, double Lat);

    /// <summary>
    /// The answer of the address search (for the OpenAPI description; written by <see cref="AddressAnswer"/>):
    /// <c>ambiguous_counties</c> lists the counties of the best matches when there are two or more (the same door plate in
    /// several counties: ask again with <c>county=</c>), else it is empty.
    /// </summary>
    public sealed record AddressResults(IReadOnlyList<AddressResult> Results, IReadOnlyList<string> AmbiguousCounties);

    /// <summary>A household (or, with <c>household_id</c> null, a building with no household on record matching the door plate), best first.</summary>
    public sealed record AddressResult(string? Address, string? HouseholdId, string BuildingId, double Score, CodeRef? Grid, CodeRef? LiaisonUnit, CodeRef? County);

    public sealed record CodeRef(string Code);

    /// <summary>
    /// The hot path: no per-request objects beyond what the server makes — no authentication unless <c>include</c> asks
    /// for people (<see cref="CallerFreeReads"/>), no service scope, and the answer is two pre-encoded buffers written
    /// into the response pipe, which the server flushes when the request ends.
    /// </summary>
    private static Task LocateOne(string? lon, string? lat, string? crs, string? include, HttpContext http, ILocatorProvider provider)
    {
        if (!TryCoordinate(lon, "lon", 180, out var x, out var error) || !TryCoordinate(lat, "lat", 90, out var y, out error)) return error!.ExecuteAsync(http);
        if (!CoordinateSystems.TryParse(crs, out var system)) return BadCrs(crs).ExecuteAsync(http);
        var snapshot = provider.Current;
        return snapshot is null ? LocateOneFirstAsync(x, y, system, include, http, provider) : Answer(snapshot, x, y, system, include, http);
    }

    private static async Task LocateOneFirstAsync(double x, double y, CoordinateSystem system, string? include, HttpContext http, ILocatorProvider provider)
    {
        var snapshot = await provider.GetAsync(FirstBuildWait, http.RequestAborted);
        if (snapshot is null) await NotReady().ExecuteAsync(http);
        else await Answer(snapshot, x, y, system, include, http);
    }

    private static Task Answer(LocatorSnapshot snapshot, double x, double y, CoordinateSystem system, string? include, HttpContext http)
    {
        var p = CoordinateConverter.ToWgs84(x, y, system);
        var index = snapshot.Grids.LocateIndex(p.Lon, p.Lat);
        if (index < 0)
            return ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture,
                $"the point ({x}, {y}) in {CoordinateSystems.NameOf(system)} lies outside every current grid ({snapshot.Grids.Grids.Count} grids)")).ExecuteAsync(http);
        var (grid, unit) = snapshot.Answer(index, p.Lon, p.Lat);
        if (include is not null)
            return StaffAnswerAsync(http, include, grid, unit, snapshot.Grids.Grids[index].Code, snapshot.UnitCode(index, p.Lon, p.Lat));
        var response = http.Response;
        response.ContentType = JsonContentType;
        response.ContentLength = grid.Length + unit.Length;
        response.BodyWriter.Write(grid);
        response.BodyWriter.Write(unit);
        return Task.CompletedTask;
    }

    /// <summary>The answer with the people serving the grid (<c>include=staff</c>): off the hot path, audited.</summary>
    private static async Task StaffAnswerAsync(HttpContext http, string include, byte[] grid, byte[] unit, string gridCode, string? unitCode)
    {
        var answer = await Staffing.StaffLookup.LocateAnswerAsync(http, include, grid, unit, gridCode, unitCode);
        await answer.ExecuteAsync(http);
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    private sealed class EmptyAnswer : IResult
    {
        public static readonly EmptyAnswer Instance = new();

        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = JsonContentType;
            http.Response.ContentLength = 2;
            http.Response.BodyWriter.Write("{}"u8);
            return Task.CompletedTask;
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

    /// <summary>How many matches a search looks at, at least, to tell whether its best ones lie in several counties.</summary>
    private const int AmbiguityProbe = 10;

    private static async Task<IResult> SearchAddressAsync(string? q, string? limit, string? county, string? street, string? include, HttpContext http,
        ILocatorProvider provider, LocateOptions options)
    {
        if (string.IsNullOrWhiteSpace(q)) return ApiProblems.BadParameter("q", "is required: a door-plate address, e.g. 幸福路12号3栋2单元302室");
        if (q.Length > 200) return ApiProblems.BadParameter("q", $"has {q.Length} characters; at most 200");
        if (!q.Any(char.IsLetterOrDigit)) return ApiProblems.BadParameter("q", "has no letters or digits to search for");
        if (q.Any(char.IsControl)) return ApiProblems.BadParameter("q", "must not contain control characters (such as %00)");
        var max = 10;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out max) || max < 1 || max > options.MaxAddressResults))
            return ApiProblems.BadParameter("limit", $"must be an integer from 1 to {options.MaxAddressResults}, not \"{limit}\"");
        var (area, badArea) = DoorPlateAreaParameters.Parse(county, street);
        if (badArea is not null) return badArea;
        var plates = provider.Current?.DoorPlates ?? await WaitForDoorPlatesAsync(provider, http.RequestAborted);
        if (plates is null) return ApiProblems.Unavailable("the door-plate index is not built yet (is the database up?)");
        var found = plates.Index.Search(q.Trim(), Math.Max(max, AmbiguityProbe), area);
        var ambiguous = plates.Index.AmbiguousCounties(found);
        if (found.Count > max) found.RemoveRange(max, found.Count - max);
        var answer = new AddressAnswer(plates, found, ambiguous);
        if (include is not null)
            return await Staffing.StaffLookup.AddressAnswerAsync(http, include, answer.ToNode(), answer.Codes());
        return answer;
    }

    private static async Task<DoorPlateGrids?> WaitForDoorPlatesAsync(ILocatorProvider provider, CancellationToken ct)
    {
        var snapshot = await provider.GetAsync(FirstBuildWait, ct);
        for (var waited = 0; snapshot is not null && snapshot.DoorPlates is null && waited < FirstBuildWait.TotalMilliseconds; waited += 50)
        {
            await Task.Delay(50, ct);
            snapshot = provider.Current;
        }
        return snapshot?.DoorPlates;
    }

    /// <summary>The address search's answer (contract §4), written straight from the index: no objects per result.</summary>
    private sealed class AddressAnswer(DoorPlateGrids plates, List<DoorPlateMatch> matches, IReadOnlyList<string> ambiguousCounties) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.ContentType = "application/json; charset=utf-8";
            Write(response.BodyWriter);
            return response.BodyWriter.FlushAsync(http.RequestAborted).AsTask();
        }

        /// <summary>The answer as a JSON tree, for the rare answer that adds members (<c>include=staff</c>).</summary>
        public System.Text.Json.Nodes.JsonNode ToNode()
        {
            var buffer = new ArrayBufferWriter<byte>();
            Write(buffer);
            return System.Text.Json.Nodes.JsonNode.Parse(buffer.WrittenSpan)!;
        }

        /// <summary>The grid and liaison-unit code of each result, in answer order.</summary>
        public List<(string? Grid, string? Unit)> Codes() =>
            matches.Select(m => (plates.GridCodeOf(m), m.Household >= 0 ? plates.LiaisonUnitOf(m.Household) : null)).ToList();

        private void Write(IBufferWriter<byte> output)
        {
            using (var w = new Utf8JsonWriter(output, AnswerWriter))
            {
                var index = plates.Index;
                w.WriteStartObject();
                w.WriteStartArray("results"u8);
                foreach (var m in matches)
                {
                    w.WriteStartObject();
                    if (m.Household >= 0)
                    {
                        w.WriteString("address"u8, index.HouseholdAddress(m.Household));
                        w.WriteString("household_id"u8, index.HouseholdId(m.Household));
                    }
                    else
                    {
                        w.WriteString("address"u8, index.BuildingAddress(m.Building));
                        w.WriteNull("household_id"u8);
                    }
                    w.WriteString("building_id"u8, index.BuildingId(m.Building));
                    w.WriteNumber("score"u8, Math.Round(m.Score, 3));
                    Code(w, "grid"u8, plates.GridCodeOf(m));
                    Code(w, "liaison_unit"u8, m.Household >= 0 ? plates.LiaisonUnitOf(m.Household) : null);
                    Code(w, "county"u8, index.CountyOf(m));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("ambiguous_counties"u8);
                foreach (var c in ambiguousCounties) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteEndObject();
            }
        }

        private static void Code(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? code)
        {
            if (code is null)
            {
                w.WriteNull(name);
                return;
            }
            w.WriteStartObject(name);
            w.WriteString("code"u8, code);
            w.WriteEndObject();
        }
    }

    private static readonly JsonWriterOptions AnswerWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

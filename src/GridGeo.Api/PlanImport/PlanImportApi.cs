using System.Text.Json;
using GridGeo.Api.Auth;
using GridGeo.Api.Plans;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Coverage;
using GridGeo.IO.Plans;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Plans;
using NetTopologySuite.Operation.Valid;

namespace GridGeo.Api.PlanImport;

/// <summary>
/// Limits of <c>POST /api/plans/import</c>, section <c>GridGeo:PlanImport</c>: <c>MaxBytes</c> (default 8 MiB; larger
/// is 413), <c>MaxGrids</c> (default 5,000) and <c>MaxPositionsPerGrid</c> (default 50,000).
/// </summary>
public sealed record PlanImportOptions(long MaxBytes, int MaxGrids, int MaxPositionsPerGrid)
{
    public const string Section = "GridGeo:PlanImport";

    public static PlanImportOptions From(IConfiguration configuration) => new(
        Math.Max(1, configuration.GetValue<long?>($"{Section}:MaxBytes") ?? 8L * 1024 * 1024),
        Math.Max(1, configuration.GetValue<int?>($"{Section}:MaxGrids") ?? 5_000),
        Math.Max(4, configuration.GetValue<int?>($"{Section}:MaxPositionsPerGrid") ?? 50_000));
}

/// <summary>
/// <c>POST /api/plans/import</c>: a planner's grids file (a GeoJSON FeatureCollection with the properties of contract
/// §2, e.g. drawn in QGIS) becomes a draft plan of kind <c>import</c> when it keeps the rules every plan keeps
/// (<see cref="PlanCheck"/>): 201 with the plan's id and URL. Like every write it needs a planner key for the streets
/// of every grid (or an admin key); the draft's author is the key. When the file breaks a rule, nothing is stored and
/// the answer is 422 problem+json whose <c>problems</c> list every invalid geometry, gap, overlap, part outside a
/// community, split grid and household left out or listed twice, each with its rule, grid code(s), location, area in
/// m² and household ids. A file that is not a readable grids file is 400; one over the byte cap 413; a <c>crs</c>
/// member other than WGS84 lon/lat (OGC CRS84, EPSG:4326) 400. Grid household counts are recomputed from the stored
/// households; the draft, what it was computed from, its grids and summary are stored in one transaction.
/// </summary>
public static class PlanImportApi
{
    public const string FileName = "grids.geojson";

    private static readonly string[] Wgs84Names =
    [
        "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "http://www.opengis.net/def/crs/EPSG/0/4326", "CRS84", "OGC:CRS84",
    ];

    public static IEndpointRouteBuilder MapPlanImportApi(this IEndpointRouteBuilder app)
    {
        var options = PlanImportOptions.From(app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapPost("/api/plans/import", async (HttpRequest request, HttpContext http, BundleStore bundles, PlanStore plans, CancellationToken ct) =>
            {
                if (request.ContentLength > options.MaxBytes) return TooLarge(options.MaxBytes);
                var (grids, error) = await ReadGridsAsync(request, options, ct);
                if (error is not null) return error;
                if (grids!.Count == 0) return ApiProblems.BadParameter("body", "the FeatureCollection has no grid");
                if (grids.Count > options.MaxGrids)
                    return ApiProblems.BadParameter("body", $"the file has {grids.Count:N0} grids, above the limit of {options.MaxGrids:N0}");
                var communities = grids.Select(g => g.CommunityCode).Distinct().Order(StringComparer.Ordinal).ToList();
                if (StreetScope.Check(http, grids.Select(g => g.Code).Concat(communities)) is { } forbidden) return forbidden;
                var invalid = InvalidGeometries(grids, options);
                if (invalid.Count > 0) return Rejected(invalid);

                var computedFrom = await plans.ComputedFromAsync(communities, ct);
                var stored = await bundles.LoadBundleAsync(communities, ct) ?? new Core.Model.DistrictBundle([], []);
                var problems = PlanCheck.Check(stored, grids);
                if (problems.Count > 0) return Rejected(problems);

                // The plan gate: outlines snapped onto the 7-decimal grid as one exact face coverage per community (slivers
                // below the rule's area go to a neighbour), then checked again; a plan still failing is refused naming the grids.
                try
                {
                    var named = grids.Select(g => g.CommunityCode).ToHashSet(StringComparer.Ordinal);
                    grids = PlanGate.Ensure(stored.Communities.Where(c => named.Contains(c.Code)).ToList(), grids, null,
                        PlanGate.Locations(stored.Buildings), Math.Max(1, Environment.ProcessorCount / 2));
                }
                catch (PlanGateException ex)
                {
                    return Rejected(ex.Problems);
                }
                var counted = grids.Select(g => g with { Households = PlanImportValidator.CountHouseholds(stored, g) }).ToList();
                var summary = new
                {
                    grids = counted.Count,
                    communities = communities.Count,
                    households = counted.Sum(g => (long)g.Households),
                };
                var id = await plans.CreateCompletedDraftAsync(PlanKinds.Import, new { source = "file", grids = counted.Count },
                    ApiKeyClaims.Who(http.User), computedFrom, counted, summary, ct);
                return Results.Created($"/api/plans/{id}", new { id, status = PlanStatuses.Draft, kind = PlanKinds.Import, url = $"/api/plans/{id}", summary });
            })
            .RequireRateLimiting(RateLimits.Imports)
            .WithTags("Plans")
            .WithSummary("import a grids file (GeoJSON FeatureCollection, contract §2 properties) as a draft plan, checked by the plan rules (planner key for its streets)")
            .Accepts<object>("application/geo+json", "application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <summary>
    /// The body through <see cref="GridPlanFile"/>, the reader of grids files, so that a posted file and a file on
    /// disk meet the same checks; its errors name <see cref="FileName"/>. The body is cut off at the byte cap (413).
    /// </summary>
    private static async Task<(IReadOnlyList<Core.Model.Grid>?, IResult?)> ReadGridsAsync(HttpRequest request, PlanImportOptions options, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "gridgeo-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, FileName);
            await using (var file = File.Create(path))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > options.MaxBytes) return (null, TooLarge(options.MaxBytes));
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (CrsProblem(path) is { } crs) return (null, crs);
            return (GridPlanFile.Read(path), null);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A top-level <c>crs</c> member (GeoJSON 2008) naming anything but WGS84 lon/lat is refused rather than ignored.</summary>
    private static IResult? CrsProblem(string path)
    {
        using var stream = File.OpenRead(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 256 }); }
        catch (JsonException) { return null; } // the reader names the JSON error
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("crs", out var crs) || crs.ValueKind == JsonValueKind.Null)
                return null;
            var name = crs.ValueKind == JsonValueKind.Object && crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                       && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (name is not null && Wgs84Names.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase)) return null;
            return ApiProblems.BadParameter("crs",
                $"the file declares the coordinate system {(name is null ? crs.GetRawText() : $"\"{name}\"")}; grids files must be WGS84 lon/lat (RFC 7946): reproject it, or drop the crs member");
        }
    }

    private static List<PlanProblem> InvalidGeometries(IReadOnlyList<Core.Model.Grid> grids, PlanImportOptions options)
    {
        var problems = new List<PlanProblem>();
        foreach (var g in grids)
        {
            if (g.Boundary.NumPoints > options.MaxPositionsPerGrid)
            {
                problems.Add(new PlanProblem(PlanRules.InvalidGeometry,
                    $"grid {g.Code} has {g.Boundary.NumPoints:N0} positions, above the limit of {options.MaxPositionsPerGrid:N0}", g.Code, CommunityCode: g.CommunityCode));
                continue;
            }
            var error = new IsValidOp(g.Boundary).ValidationError;
            if (error is null) continue;
            problems.Add(new PlanProblem(PlanRules.InvalidGeometry,
                $"grid {g.Code} has an invalid geometry: {error.Message} at ({error.Coordinate?.X}, {error.Coordinate?.Y})",
                g.Code, CommunityCode: g.CommunityCode, Lon: error.Coordinate?.X, Lat: error.Coordinate?.Y));
        }
        return problems;
    }

    private static IResult TooLarge(long max) =>
        Results.Problem(title: "Request body too large", detail: $"body: a grids file may have at most {max:N0} bytes", statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["parameter"] = "body" });

    private static IResult Rejected(IReadOnlyList<PlanProblem> problems)
    {
        var byRule = problems.GroupBy(p => p.Rule).Select(g => $"{g.Count()} {g.Key}");
        return Results.Problem(title: "The plan breaks the grid rules",
            detail: $"{problems.Count} problem(s): {string.Join(", ", byRule)}; nothing was stored",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["problems"] = PlanCheck.Describe(problems) });
    }
}

using GridGeo.Api.Shared;
using GridGeo.Core.Coverage;
using GridGeo.IO.Plans;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Plans;

namespace GridGeo.Api.PlanImport;

/// <summary>
/// <c>POST /api/plans/import</c>: a planner's grids file (a GeoJSON FeatureCollection with the properties of contract
/// §2, e.g. drawn in QGIS) becomes a draft plan of kind <c>import</c> when it keeps the rules every plan keeps
/// (<see cref="PlanImportValidator"/>): 201 with the plan's id and URL. When it does not, nothing is stored and the
/// answer is 422 problem+json whose <c>problems</c> list every gap, overlap, part outside a community, split grid
/// and household left out or listed twice, each with its rule, grid code(s), location (lon/lat), area in m² and
/// household ids. A file that is not a readable grids file is 400. Grid household counts are recomputed from the
/// stored households.
/// </summary>
public static class PlanImportApi
{
    public const string FileName = "grids.geojson";

    public static IEndpointRouteBuilder MapPlanImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/import", async (HttpRequest request, string? by, BundleStore bundles, PlanStore plans, CancellationToken ct) =>
            {
                var grids = await ReadGridsAsync(request, ct);
                if (grids.Count == 0) return ApiProblems.BadParameter("body", "the FeatureCollection has no grid");
                var stored = await bundles.LoadBundleAsync(grids.Select(g => g.CommunityCode).Distinct().ToList(), ct)
                             ?? new Core.Model.DistrictBundle([], []);
                var problems = PlanImportValidator.Validate(stored, grids, parallelism: Math.Max(1, Environment.ProcessorCount / 2));
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
                var id = await plans.CreateDraftAsync(PlanKinds.Import, new { source = "file", grids = counted.Count }, by, ct);
                await plans.SaveGridsAsync(id, counted, ct);
                var summary = new
                {
                    grids = counted.Count,
                    communities = counted.Select(g => g.CommunityCode).Distinct().Count(),
                    households = counted.Sum(g => (long)g.Households),
                };
                await plans.CompleteAsync(id, summary, ct);
                return Results.Created($"/api/plans/{id}", new { id, status = PlanStatuses.Draft, kind = PlanKinds.Import, url = $"/api/plans/{id}", summary });
            })
            .WithTags("Plans")
            .WithSummary("import a grids file (GeoJSON FeatureCollection, contract §2 properties) as a draft plan, checked by the plan rules")
            .Accepts<object>("application/geo+json", "application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <summary>
    /// The body through <see cref="GridPlanFile"/>, the reader of grids files, so that a posted file and a file on
    /// disk meet the same checks; its errors name <see cref="FileName"/>.
    /// </summary>
    private static async Task<IReadOnlyList<Core.Model.Grid>> ReadGridsAsync(HttpRequest request, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "gridgeo-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, FileName);
            await using (var file = File.Create(path)) await request.Body.CopyToAsync(file, ct);
            return GridPlanFile.Read(path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IResult Rejected(IReadOnlyList<PlanProblem> problems)
    {
        var byRule = problems.GroupBy(p => p.Rule).Select(g => $"{g.Count()} {g.Key}");
        var list = problems.Select(p => new Dictionary<string, object?>
        {
            ["rule"] = p.Rule,
            ["message"] = p.Message,
            ["grid_code"] = p.GridCode,
            ["other_grid_code"] = p.OtherGridCode,
            ["community_code"] = p.CommunityCode,
            ["lon"] = p.Lon,
            ["lat"] = p.Lat,
            ["area_m2"] = p.AreaM2,
            ["building_id"] = p.BuildingId,
            ["household_ids"] = p.HouseholdIds,
        }).ToList();
        return Results.Problem(title: "The plan breaks the grid rules",
            detail: $"{problems.Count} problem(s): {string.Join(", ", byRule)}; nothing was stored",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["problems"] = list });
    }
}

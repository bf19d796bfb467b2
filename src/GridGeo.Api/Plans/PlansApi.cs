using System.Text.Json;
using System.Text.Json.Serialization;
using GridGeo.Api.Auth;
using GridGeo.Api.Grids;
using GridGeo.Api.Locate;
using GridGeo.Api.Shared;
using GridGeo.Api.Staffing;
using GridGeo.Core;
using GridGeo.Core.Partitioning.Rebalancing;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Staffing;

namespace GridGeo.Api.Plans;

/// <summary>
/// Partition plans over stored data: <c>POST /api/plans</c> starts a run in the background (202 with the plan's
/// URL), <c>GET /api/plans/{id}</c> reports its status, progress and summary, <c>POST /api/plans/{id}/publish</c>
/// makes a completed draft current (the grids it replaces become history) and refreshes the lookup index.
/// With <c>"mode":"rebalance"</c> the run repairs the current grids of the communities instead of partitioning from
/// scratch (draft → <c>GET /api/plans/{id}/diff</c> → publish); publishing it is 409 when one of those grids was
/// edited since, so that no edit is lost.
/// </summary>
public static class PlansApi
{
    /// <summary>The body of <c>POST /api/plans</c>: one of <c>communities</c>, <c>street</c> or <c>all</c>, plus bounds and mode (partition or rebalance).</summary>
    public sealed record CreatePlanBody(
        [property: JsonPropertyName("communities")] List<string>? Communities,
        [property: JsonPropertyName("street")] string? Street,
        [property: JsonPropertyName("all")] bool? All,
        [property: JsonPropertyName("min")] int? Min,
        [property: JsonPropertyName("max")] int? Max,
        [property: JsonPropertyName("seed")] int? Seed,
        [property: JsonPropertyName("liaison_target")] int? LiaisonTarget,
        [property: JsonPropertyName("liaison_min")] int? LiaisonMin,
        [property: JsonPropertyName("liaison_max")] int? LiaisonMax,
        [property: JsonPropertyName("mode")] string? Mode = null);

    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddSingleton(sp => PlanWorkerOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<PlanJobQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<PlanJobQueue>());
        return services;
    }

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans");

        group.MapPost("", async (CreatePlanBody? body, HttpContext http, PlanRunner runner, PlanJobQueue queue, CancellationToken ct) =>
            {
                if (body is null) return ApiProblems.BadParameter("body", "a JSON object {communities:[...]} or {street:\"...\"} with optional min, max, seed");
                var request = new PlanRequest(body.Communities, body.Street, body.All ?? false, body.Min ?? 300, body.Max ?? 500, body.Seed ?? 1,
                    body.LiaisonTarget ?? 30, body.LiaisonMin ?? 20, body.LiaisonMax ?? 40, body.Mode?.Trim().ToLowerInvariant() ?? PlanKinds.Partition);
                IReadOnlyList<string> communities;
                try { communities = await runner.ResolveScopeAsync(request, ct); }
                catch (BadInputException ex) { return ApiProblems.BadParameter(ex.InputName, ex.Item is null ? ex.Rule : $"{ex.Item}: {ex.Rule}"); }
                if (StreetScope.Check(http, communities) is { } forbidden) return forbidden;
                long id;
                // The draft and its queued run are stored together: a crash never leaves a draft without a job.
                try { id = await runner.CreateDraftAsync(request, communities, ApiKeyClaims.Who(http.User), queue: true, ct); }
                catch (BadInputException ex) { return ApiProblems.BadParameter(ex.InputName, ex.Item is null ? ex.Rule : $"{ex.Item}: {ex.Rule}"); }
                queue.Wake();
                var url = $"/api/plans/{id}";
                return Results.Accepted(url, new { id, status = PlanStatuses.Draft, mode = request.Mode, url, communities = communities.Count });
            })
            .RequireRateLimiting(RateLimits.PlanRuns)
            .WithSummary("start a partition run over stored communities (communities, street or all; min, max, seed; mode partition or rebalance) → 202 with the plan's URL")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id:long}", async (long id, PlanStore plans, CancellationToken ct) =>
            {
                var plan = await plans.GetAsync(id, ct);
                return plan is null ? ApiProblems.NotFound($"no plan has the id {id}") : Results.Ok(Describe(plan));
            })
            .WithSummary("a plan's status (draft, published, retired), progress 0–1, summary and error")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/grids", async (long id, PlanStore plans, CancellationToken ct) =>
            {
                var plan = await plans.GetAsync(id, ct);
                if (plan is null) return ApiProblems.NotFound($"no plan has the id {id}");
                return GeoJsonResults.FeatureCollection(await plans.GetPlanGridsAsync(id, ct), GridsApi.Shape);
            })
            .WithSummary("the grids of a plan, draft or not, as GeoJSON (to preview a draft against the current grids before publishing)")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:long}/publish", async (long id, HttpContext http, PlanStore plans, BundleStore bundles, ILocatorProvider locator, StaffStore staff,
                StaffOptions staffOptions, StaffDirectory directory, CancellationToken ct) =>
            {
                var plan = await plans.GetAsync(id, ct);
                if (plan is null) return ApiProblems.NotFound($"no plan has the id {id}");
                var communities = (await plans.GetPlanGridsAsync(id, ct)).Select(g => g.Grid.CommunityCode).Distinct().ToList();
                if (StreetScope.Check(http, communities) is { } forbidden) return forbidden;
                var staffing = plan.Status == PlanStatuses.Draft ? await staff.PreviewPublishAsync(id, ct) : null;
                var unstaffed = staffing is null ? null : StaffingAnswers.UnstaffedWarning(staffing);
                if (unstaffed is not null && staffOptions.RefuseUnstaffedPublish)
                    return ApiProblems.Conflict($"plan {id} is not published: {unstaffed} (GridGeo:Staff:RefuseUnstaffedPublish is on; assign workers first)");
                var result = await plans.PublishAsync(id, ApiKeyClaims.Who(http.User), ct);
                switch (result.Outcome)
                {
                    case PublishOutcome.NotFound: return ApiProblems.NotFound($"no plan has the id {id}");
                    case PublishOutcome.NotDraft: return ApiProblems.Conflict($"plan {id} is {plan.Status}; only a draft can be published");
                    case PublishOutcome.NotComplete: return ApiProblems.Conflict($"plan {id} has not finished computing (progress {plan.Progress:P0}{(plan.Error is null ? "" : $", error: {plan.Error}")})");
                    case PublishOutcome.BaseChanged: return ApiProblems.Conflict($"plan {id} was computed from current grids that have been edited or replaced since; start a new rebalance");
                    case PublishOutcome.GridsChanged:
                        return Changed(id, "the current grids of its communities changed since it was computed (no edit is overwritten); start a new plan", result.Changes!, null);
                    case PublishOutcome.DistrictChanged:
                        // What the change breaks in this draft, by the same gate a plan import passes.
                        var stored = await bundles.LoadBundleAsync(communities, ct) ?? new Core.Model.DistrictBundle([], []);
                        var grids = (await plans.GetPlanGridsAsync(id, ct)).Select(g => g.Grid).ToList();
                        return Changed(id, "the stored district changed since it was computed; the current plan stays; start a new plan", result.Changes!, PlanCheck.Check(stored, grids));
                }
                locator.Invalidate();
                directory.Invalidate();
                var published = await plans.GetAsync(id, ct);
                return Results.Ok(new
                {
                    plan = Describe(published!),
                    retired_plans = result.RetiredPlans,
                    staffing = staffing is null ? null : StaffingAnswers.Describe(staffing, await directory.GetAsync(ct)),
                    warnings = unstaffed is null ? Array.Empty<string>() : [unstaffed],
                });
            })
            .WithSummary("make a completed draft the current plan for its communities; the grids it replaces end now")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:long}/diff", Diff)
            .WithSummary("the plan against the grids it replaces (a rebalance: the grids it was computed from; otherwise the current grids of other plans in its communities): households moved (each new grid matched to the old grid that gave it most households) and reassigned (now in a grid of another code), grids by change, each grid before → after with the members in and out; ?all=true lists unchanged grids too")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult Changed(long id, string why, IReadOnlyList<string> changes, IReadOnlyList<Core.Coverage.PlanProblem>? problems)
    {
        var extensions = new Dictionary<string, object?> { ["changes"] = changes };
        if (problems is not null) extensions["problems"] = PlanCheck.Describe(problems.Take(200));
        return Results.Problem(title: "Conflict", statusCode: StatusCodes.Status409Conflict, extensions: extensions,
            detail: $"plan {id} was not published: {why}. {string.Join("; ", changes.Take(10))}{(changes.Count > 10 ? $"; and {changes.Count - 10} more" : "")}");
    }

    private static async Task<IResult> Diff(long id, bool? all, PlanStore plans, StaffStore staff, StaffDirectory directory, CancellationToken ct)
    {
        var plan = await plans.GetAsync(id, ct);
        if (plan is null) return ApiProblems.NotFound($"no plan has the id {id}");
        var after = await plans.GetPlanGridsAsync(id, ct);
        var based = PlanBase.Of(plan.ParamsJson);
        var before = based.Count > 0
            ? await plans.GetGridsByIdAsync(based.Select(b => b.Id).ToList(), ct)
            : (await plans.GetCurrentGridsAsync(after.Select(g => g.Grid.CommunityCode).Distinct().ToList(), ct)).Where(g => g.PlanId != id).ToList();
        var households = await plans.MemberHouseholdsAsync(after.Select(g => g.Id).ToList(), ct);
        var diff = PlanDiff.Compare(before.Select(g => g.Grid).ToList(), after.Select(g => g.Grid).ToList(), m => households.GetValueOrDefault(m));
        var lockedNow = after.Where(g => g.Locked).Select(g => g.Grid.Code).ToHashSet(StringComparer.Ordinal);
        // What publishing would do to the people serving these grids (a draft only: a published plan's handover is done).
        var staffing = plan.Status == PlanStatuses.Draft && plan.CompletedAt is not null
            ? StaffingAnswers.Describe(await staff.PreviewPublishAsync(id, ct), await directory.GetAsync(ct))
            : null;
        return Results.Json(new
        {
            plan = id,
            kind = plan.Kind,
            status = plan.Status,
            complete = plan.CompletedAt is not null,
            base_plans = before.Select(g => g.PlanId).Distinct().Order().ToList(),
            households_moved = diff.HouseholdsMoved,
            households_reassigned = diff.HouseholdsReassigned,
            grids_before = before.Count,
            grids_after = after.Count,
            unchanged = diff.Count(GridChangeKind.Unchanged),
            recounted = diff.Count(GridChangeKind.Recounted),
            changed = diff.Count(GridChangeKind.Changed),
            created = diff.Count(GridChangeKind.Created),
            retired = diff.Count(GridChangeKind.Retired),
            staffing,
            grids = diff.Grids.Where(g => all == true || g.Kind != GridChangeKind.Unchanged).Select(g => new
            {
                code = g.Code,
                community_code = g.CommunityCode,
                change = g.Kind.ToString().ToLowerInvariant(),
                locked = lockedNow.Contains(g.Code),
                households_before = g.HouseholdsBefore,
                households_after = g.HouseholdsAfter,
                members_in = g.MembersIn,
                members_out = g.MembersOut,
            }),
        });
    }

    private static object Describe(PlanRecord p) => new
    {
        id = p.Id,
        status = p.Status,
        kind = p.Kind,
        complete = p.CompletedAt is not null,
        progress = Math.Round(p.Progress, 3),
        error = p.Error,
        created_by = p.CreatedBy,
        created_at = p.CreatedAt,
        completed_at = p.CompletedAt,
        published_at = p.PublishedAt,
        grids = p.GridCount,
        @params = JsonDocument.Parse(p.ParamsJson).RootElement,
        summary = p.SummaryJson is null ? (JsonElement?)null : JsonDocument.Parse(p.SummaryJson).RootElement,
        links = new[]
        {
            new { rel = "self", href = $"/api/plans/{p.Id}" },
            new { rel = "publish", href = $"/api/plans/{p.Id}/publish" },
            new { rel = "diff", href = $"/api/plans/{p.Id}/diff" },
        },
    };
}

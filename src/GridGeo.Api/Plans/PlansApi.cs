using System.Text.Json;
using System.Text.Json.Serialization;
using GridGeo.Api.Auth;
using GridGeo.Api.Grids;
using GridGeo.Api.Locate;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Storage.Plans;

namespace GridGeo.Api.Plans;

/// <summary>
/// Partition plans over stored data: <c>POST /api/plans</c> starts a run in the background (202 with the plan's
/// URL), <c>GET /api/plans/{id}</c> reports its status, progress and summary, <c>POST /api/plans/{id}/publish</c>
/// makes a completed draft current (the grids it replaces become history) and refreshes the lookup index.
/// </summary>
public static class PlansApi
{
    /// <summary>The body of <c>POST /api/plans</c>: one of <c>communities</c>, <c>street</c> or <c>all</c>, plus bounds.</summary>
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
        [property: JsonPropertyName("kind")] string? Kind);

    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
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
                    body.LiaisonTarget ?? 30, body.LiaisonMin ?? 20, body.LiaisonMax ?? 40, body.Kind ?? PlanKinds.Partition);
                IReadOnlyList<string> communities;
                try { communities = await runner.ResolveScopeAsync(request, ct); }
                catch (BadInputException ex) { return ApiProblems.BadParameter(ex.InputName, ex.Item is null ? ex.Rule : $"{ex.Item}: {ex.Rule}"); }
                if (StreetScope.Check(http.User, communities) is { } forbidden) return forbidden;
                var id = await runner.CreateDraftAsync(request, communities, ApiKeyClaims.Who(http.User), ct);
                queue.Enqueue(new PlanJob(id, request, communities));
                var url = $"/api/plans/{id}";
                return Results.Accepted(url, new { id, status = PlanStatuses.Draft, url, communities = communities.Count });
            })
            .RequireAuthorization(AuthPolicies.Write)
            .WithSummary("start a partition run over stored communities (communities, street or all; min, max, seed; kind partition or rebalance) → 202 with the plan's URL")
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

        group.MapPost("/{id:long}/publish", async (long id, HttpContext http, PlanStore plans, ILocatorProvider locator, CancellationToken ct) =>
            {
                var plan = await plans.GetAsync(id, ct);
                if (plan is null) return ApiProblems.NotFound($"no plan has the id {id}");
                var communities = (await plans.GetPlanGridsAsync(id, ct)).Select(g => g.Grid.CommunityCode).Distinct().ToList();
                if (StreetScope.Check(http.User, communities) is { } forbidden) return forbidden;
                var result = await plans.PublishAsync(id, ApiKeyClaims.Who(http.User), ct);
                switch (result.Outcome)
                {
                    case PublishOutcome.NotFound: return ApiProblems.NotFound($"no plan has the id {id}");
                    case PublishOutcome.NotDraft: return ApiProblems.Conflict($"plan {id} is {plan.Status}; only a draft can be published");
                    case PublishOutcome.NotComplete: return ApiProblems.Conflict($"plan {id} has not finished computing (progress {plan.Progress:P0}{(plan.Error is null ? "" : $", error: {plan.Error}")})");
                }
                locator.Invalidate();
                var published = await plans.GetAsync(id, ct);
                return Results.Ok(new { plan = Describe(published!), retired_plans = result.RetiredPlans });
            })
            .RequireAuthorization(AuthPolicies.Write)
            .WithSummary("make a completed draft the current plan for its communities; the grids it replaces end now")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
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
        },
    };
}

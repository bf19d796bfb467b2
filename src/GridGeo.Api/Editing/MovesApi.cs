using GridGeo.Api.Grids;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Editing;
using GridGeo.Storage.Editing;
using GridGeo.Storage.Plans;

namespace GridGeo.Api.Editing;

/// <summary>The body of a building move: the member buildings to move and the neighbouring grid that takes them.</summary>
public sealed record MoveRequest(string[]? Buildings, string? To);

/// <summary>
/// <c>POST /api/grids/{code}/moves</c> <c>{"buildings":[ids],"to":"&lt;grid code&gt;"}</c> with <c>If-Match</c> (the ETag
/// of <c>GET /api/grids/{code}</c>): moves whole member buildings to a neighbouring basic grid and redraws both
/// grids (<see cref="BuildingMover"/>). 200 with both grids' new figures; 428 without If-Match; 412 when the grid
/// changed since it was read; 404 for an unknown grid; 409 for a locked grid; 422 with the failed rule when the
/// move breaks one. Every move is written to the audit log.
/// </summary>
public static class MovesApi
{
    public static IEndpointRouteBuilder MapMovesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/grids/{code}/moves", async (string code, MoveRequest body, HttpContext http, PlanStore plans, GridEditStore edits, CancellationToken ct) =>
            {
                if (!AdminCodes.IsGridCode(code)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{code}\"");
                if (body.To is null || !AdminCodes.IsGridCode(body.To)) return ApiProblems.BadParameter("to", $"must be a 15-digit grid code, not \"{body.To}\"");
                var ifMatch = http.Request.Headers.IfMatch.ToString();
                if (string.IsNullOrWhiteSpace(ifMatch))
                {
                    return Results.Problem(title: "Precondition required", statusCode: StatusCodes.Status428PreconditionRequired,
                        detail: $"If-Match: send the ETag of GET /api/grids/{code}, so that a move never overwrites an edit you have not seen");
                }
                var origin = await plans.GetGridAsync(code, ct);
                if (origin is null) return ApiProblems.NotFound($"no current grid has the code {code}");
                var originTag = GridsApi.ETagOf(origin.Stored);
                if (!SameTag(ifMatch, originTag)) return Stale(code, ifMatch, originTag);
                var target = await plans.GetGridAsync(body.To, ct);
                if (target is null) return ApiProblems.NotFound($"no current grid has the code {body.To}");
                foreach (var g in new[] { origin.Stored, target.Stored })
                {
                    if (g.Locked) return ApiProblems.Conflict($"grid {g.Grid.Code} is locked: unlock it before moving buildings");
                }

                var ids = body.Buildings ?? [];
                var members = origin.Stored.Grid.Buildings.Concat(target.Stored.Grid.Buildings).Select(m => m.Split('#')[0]);
                var buildings = await edits.BuildingsAsync(members, ct);
                var result = BuildingMover.Move(origin.Stored.Grid, target.Stored.Grid, ids, buildings);
                if (!result.Succeeded)
                    return Results.Problem(title: "Move refused", detail: result.FailedRule, statusCode: StatusCodes.Status422UnprocessableEntity);

                var who = http.User.Identity?.Name ?? "viewer";
                var saved = await edits.ReplaceTwoAsync(origin.Stored, result.From!, target.Stored, result.To!, who, "move_buildings",
                    new { buildings = ids, households = result.HouseholdsMoved }, ct);
                if (!saved) return Stale(code, ifMatch, "(changed while the move was computed)");

                var newOrigin = origin.Stored with { Grid = result.From!, Version = origin.Stored.Version + 1 };
                var newTarget = target.Stored with { Grid = result.To!, Version = target.Stored.Version + 1 };
                http.Response.Headers.ETag = GridsApi.ETagOf(newOrigin);
                return Results.Json(new
                {
                    households_moved = result.HouseholdsMoved,
                    from = Figures(newOrigin),
                    to = Figures(newTarget),
                });
            })
            .WithTags("Editing")
            .WithSummary("moves member buildings to a neighbouring grid and redraws both grids (If-Match required)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static bool SameTag(string ifMatch, string etag) =>
        ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag);

    private static IResult Stale(string code, string sent, string now) =>
        Results.Problem(title: "Precondition failed", statusCode: StatusCodes.Status412PreconditionFailed,
            detail: $"grid {code} changed since it was read (If-Match {sent}, now {now}): read it again and redo the move");

    private static object Figures(StoredGrid g) => new
    {
        code = g.Grid.Code,
        households = g.Grid.Households,
        buildings = g.Grid.Buildings.Count,
        version = g.Version,
        etag = GridsApi.ETagOf(g),
    };
}

using GridGeo.Api.Auth;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Editing;

namespace GridGeo.Api.Editing;

/// <summary>The body of a building move: the member buildings to move and the neighbouring grid that takes them.</summary>
public sealed record MoveRequest(string[]? Buildings, string? To);

/// <summary>
/// <c>POST /api/grids/{code}/moves</c> <c>{"buildings":[ids],"to":"&lt;grid code&gt;"}</c> with <c>If-Match</c> (the ETag
/// of <c>GET /api/grids/{code}</c>): moves whole member buildings to a neighbouring basic grid and redraws both
/// grids (<see cref="BuildingMover"/>). Runs through <see cref="EditRunner"/>: 200 with both grids' new figures and
/// ETags; 401/403 without a planner key for the street; 428 without If-Match; 412 when the grid changed since it was
/// read; 404 for an unknown grid; 409 for a locked grid; 422 naming the failed rule. Every move is audited.
/// </summary>
public static class MovesApi
{
    public static IEndpointRouteBuilder MapMovesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/grids/{code}/moves", (string code, MoveRequest body, HttpContext http, EditRunner runner, CancellationToken ct) =>
            {
                if (body.To is null || !AdminCodes.IsGridCode(body.To))
                    return Task.FromResult(ApiProblems.BadParameter("to", $"must be a 15-digit grid code, not \"{body.To}\""));
                var ids = body.Buildings ?? [];
                return runner.RunAsync(http, code, [], s => BuildingMoveEdit.Move(s, code, body.To, ids), ct, (answer, scope, outcome, receipt) =>
                {
                    // The viewer reads the two grids as "from" and "to".
                    var moved = scope.Get(code).Members.Where(m => ids.Contains(m.Name)).Sum(m => m.Households);
                    answer["households_moved"] = moved;
                    answer["from"] = EditRunner.Figures(receipt.Grids.First(g => g.Code == code), outcome.Changed.First(g => g.Code == code));
                    answer["to"] = EditRunner.Figures(receipt.Grids.First(g => g.Code == body.To), outcome.Changed.First(g => g.Code == body.To));
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
}

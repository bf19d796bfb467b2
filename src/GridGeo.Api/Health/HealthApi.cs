using GridGeo.Api.Shared;
using GridGeo.Storage;
using Npgsql;

namespace GridGeo.Api.Health;

/// <summary><c>GET /health</c>: 200 when the database answers within 3 seconds, 503 problem+json otherwise.</summary>
public static class HealthApi
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (NpgsqlDataSource db, CancellationToken ct) =>
                await GridGeoDatabase.PingAsync(db, Timeout, ct)
                    ? Results.Ok(new { status = "ok", database = "up" })
                    : ApiProblems.Unavailable("the database does not answer"))
            .WithTags("Health")
            .AllowAnonymous()
            .WithSummary("200 when the database answers, 503 otherwise")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}

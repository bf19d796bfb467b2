using System.Net.Sockets;
using System.Text.RegularExpressions;
using GridGeo.Core;
using Microsoft.AspNetCore.Diagnostics;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridGeo.Api.Shared;

/// <summary>
/// Turns a <see cref="BadInputException"/> thrown by a handler into 400 problem+json naming the input, item
/// and rule; a request body over the limit into 413; a body or parameter that cannot be bound (malformed JSON) into
/// 400 naming the parameter; a geometry the topology code cannot process into 422; a database that does not answer
/// into 503 with Retry-After; a transaction that lost a deadlock or serialisation race into 409 (retry). Anything else
/// falls through to the 500 handler.
/// </summary>
public sealed partial class BadInputExceptionHandler(IProblemDetailsService problems, ILogger<BadInputExceptionHandler> log) : IExceptionHandler
{
    [GeneratedRegex("parameter \"(?:[^\"]* )?([A-Za-z0-9_]+)\"")]
    private static partial Regex BoundParameter();

    private static string? ParameterOf(BadHttpRequestException e)
    {
        var m = BoundParameter().Match(e.Message);
        if (!m.Success) return null;
        // A body parameter is named for what it is, "body"; query and route parameters by their name.
        return e.Message.Contains("request body", StringComparison.OrdinalIgnoreCase) || e.InnerException is System.Text.Json.JsonException ? "body" : m.Groups[1].Value;
    }

    private static bool DatabaseDown(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                || pg.SqlState == "53300",
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        NpgsqlException npg when npg is not PostgresException => npg.IsTransient || npg.Message.Contains("connect", StringComparison.OrdinalIgnoreCase),
        SocketException => true,
        _ => e.InnerException is not null && DatabaseDown(e.InnerException),
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, parameter) = exception switch
        {
            BadInputException bad => (StatusCodes.Status400BadRequest, "Bad input", bad.Message, bad.InputName),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", tooLarge.Message, (string?)"body"),
            BadHttpRequestException badRequest => (badRequest.StatusCode, "Bad request",
                badRequest.InnerException is System.Text.Json.JsonException json ? $"{badRequest.Message} ({json.Message})" : badRequest.Message, ParameterOf(badRequest)),
            TopologyException topology => (StatusCodes.Status422UnprocessableEntity, "Invalid geometry",
                $"the geometry cannot be processed: {topology.Message}", (string?)null),
            PostgresException { SqlState: "40001" or "40P01" } => (StatusCodes.Status409Conflict, "Conflict",
                "the change met a concurrent change and was rolled back; nothing was written; try again", null),
            _ when DatabaseDown(exception) => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                "the database does not answer; try again shortly", null),
            _ => (0, "", "", null),
        };
        if (status == 0) return false;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            log.LogWarning("{Path}: the database does not answer ({Error})", http.Request.Path, exception.Message);
            http.Response.Headers.RetryAfter = "5";
        }
        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (parameter is not null) context.ProblemDetails.Extensions["parameter"] = parameter;
        return await problems.TryWriteAsync(context);
    }
}

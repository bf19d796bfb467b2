using GridGeo.Core;
using Microsoft.AspNetCore.Diagnostics;

namespace GridGeo.Api.Shared;

/// <summary>
/// Turns a <see cref="BadInputException"/> thrown by a handler into 400 problem+json naming the input, item
/// and rule, and a request body over the limit into 413; anything else falls through to the 500 handler.
/// </summary>
public sealed class BadInputExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, parameter) = exception switch
        {
            BadInputException bad => (StatusCodes.Status400BadRequest, "Bad input", bad.Message, bad.InputName),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", tooLarge.Message, (string?)null),
            BadHttpRequestException badRequest => (badRequest.StatusCode, "Bad request", badRequest.Message, null),
            _ => (0, "", "", null),
        };
        if (status == 0) return false;
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

namespace GridGeo.Api.Shared;

/// <summary>
/// The API's errors as RFC 9457 <c>application/problem+json</c>. A client error names what failed: the
/// <c>parameter</c> extension holds the query or route parameter, and <c>detail</c> the rule it broke.
/// </summary>
public static class ApiProblems
{
    /// <summary>400: <paramref name="parameter"/> broke <paramref name="rule"/>, e.g. ("bbox", "needs 4 numbers minLon,minLat,maxLon,maxLat").</summary>
    public static IResult BadParameter(string parameter, string rule) =>
        Results.Problem(title: "Bad parameter", detail: $"{parameter}: {rule}", statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    /// <summary>404: <paramref name="what"/> names the thing that was not found and why, e.g. "no current grid has the code 1234…".</summary>
    public static IResult NotFound(string what) =>
        Results.Problem(title: "Not found", detail: what, statusCode: StatusCodes.Status404NotFound);

    /// <summary>409: the request conflicts with the resource's state, e.g. publishing a retired plan.</summary>
    public static IResult Conflict(string why) =>
        Results.Problem(title: "Conflict", detail: why, statusCode: StatusCodes.Status409Conflict);

    /// <summary>503: a dependency (the database) does not answer.</summary>
    public static IResult Unavailable(string why) =>
        Results.Problem(title: "Service unavailable", detail: why, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>403: the caller's key may not do this; <paramref name="why"/> names the rule (e.g. the streets it may edit).</summary>
    public static IResult Forbidden(string why) =>
        Results.Problem(title: "Forbidden", detail: why, statusCode: StatusCodes.Status403Forbidden);
}

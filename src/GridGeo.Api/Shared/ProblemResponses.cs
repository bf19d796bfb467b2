namespace GridGeo.Api.Shared;

/// <summary>Declares, for the OpenAPI description, the <c>application/problem+json</c> answers an endpoint gives.</summary>
public static class ProblemResponses
{
    /// <summary>One <c>ProducesProblem</c> per status code, in order: <c>.ProducesProblems(400, 401, 422)</c>.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params ReadOnlySpan<int> statusCodes)
    {
        foreach (var status in statusCodes) endpoint.ProducesProblem(status);
        return endpoint;
    }
}

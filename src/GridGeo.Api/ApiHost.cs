namespace GridGeo.Api;

/// <summary>Builds the GridGeo web application: services, then endpoints, one feature at a time.</summary>
public static class ApiHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}

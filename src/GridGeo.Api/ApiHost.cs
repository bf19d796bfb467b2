using GridGeo.Api.AdminAreas;
using GridGeo.Api.Auth;
using GridGeo.Api.Buildings;
using GridGeo.Api.Editing;
using GridGeo.Api.Events;
using GridGeo.Api.Export;
using GridGeo.Api.Grids;
using GridGeo.Api.Health;
using GridGeo.Api.Locate;
using GridGeo.Api.Ogc;
using GridGeo.Api.PlanImport;
using GridGeo.Api.Plans;
using GridGeo.Api.Printing;
using GridGeo.Api.Shared;
using GridGeo.Api.Staffing;
using GridGeo.Api.Tiles;
using GridGeo.Api.Viewer;
using GridGeo.Storage;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace GridGeo.Api;

/// <summary>
/// Builds the GridGeo web application: services, then endpoints, one feature folder at a time. A feature
/// adds one <c>builder.Services.AddXxx()</c> line (if it has services) and one <c>app.MapXxxApi()</c> line;
/// handlers answer errors with <see cref="ApiProblems"/> and GeoJSON with <see cref="GeoJsonResults"/>.
/// </summary>
public static class ApiHost
{
    public static WebApplication Build(string[] args, string? urls = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (urls is not null) builder.WebHost.UseUrls(urls);
        // Request-level framework logs would drown the service's own; configuration can still raise them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var options = ApiOptions.From(builder.Configuration);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(options);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadInputExceptionHandler>();
        // A body or parameter that cannot be bound reaches BadInputExceptionHandler, which names it, instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(c => c.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "GridGeo",
            Version = "v1",
            Description = "Grids (网格) for community governance: current grids, administrative areas, buildings, lookup and plans.",
        }));
        builder.Services.AddGridGeoStorage(builder.Configuration);
        builder.Services.AddLocate();
        builder.Services.AddPlans();
        builder.Services.AddOgcApi();
        builder.Services.AddGridGeoAuth(builder.Configuration);
        builder.Services.AddGridGeoEditing(builder.Configuration);
        builder.Services.AddGridGeoRateLimits(builder.Configuration);
        builder.Services.AddPrinting();
        builder.Services.AddStaffing();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit(options.MaxRequestBodyBytes);
        // Middleware that only some paths or requests need runs only for them, off the lookup hot path: the OpenAPI
        // document and its UI under /swagger, the viewer's files outside /api, CORS for requests with an Origin and for
        // endpoints with a CORS policy (the endpoint checks that the CORS middleware saw it).
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/swagger"), swagger => swagger.UseSwagger().UseSwaggerUI());
        app.UseViewerFiles(options.ViewerPath);
        app.UseWhen(http => http.Request.Headers.ContainsKey(HeaderNames.Origin) || http.GetEndpoint()?.Metadata.GetMetadata<ICorsMetadata>() is not null,
            cors => cors.UseCors());
        app.UseAuthenticationWithFailureLimit();
        app.UseAuthorization();
        app.UseRateLimiter();

        // Every endpoint is mapped under one root group, which guards every write (WriteAccess): a new route cannot forget it.
        var root = app.MapGroup("").Guard();
        root.MapHealthApi();
        root.MapAdminAreasApi();
        root.MapBuildingsApi();
        root.MapGridsApi();
        root.MapLocateApi();
        root.MapEditingApi();
        root.MapMovesApi();
        root.MapWhoAmIApi();
        root.MapViewerConfigApi();
        root.MapExportApi();
        root.MapOgcApi();
        root.MapTilesApi();
        root.MapPlanImportApi();
        root.MapPlansApi();
        root.MapPrintApi();
        root.MapStaffApi();
        root.MapEventsApi();
        return app;
    }
}

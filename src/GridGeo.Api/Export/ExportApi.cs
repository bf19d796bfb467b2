using GridGeo.Api.Auth;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Geo.Crs;
using GridGeo.Storage.Audit;
using GridGeo.Storage.Layers;

namespace GridGeo.Api.Export;

/// <summary>
/// Exports for other systems, streamed: <c>GET /api/export/{layer}.geojson</c> for grids (the current plan, contract
/// §2 properties with member lists), liaison-units, buildings, dedicated-areas and communities, filtered by
/// <c>?street=</c> (9 digits) and <c>?community=</c> (12 digits), in <c>?crs=wgs84</c> (default) or <c>gcj02</c>;
/// and <c>GET /api/export/households.csv</c>: household → grid → liaison unit. The same layers as GeoPackage
/// (<c>{layer}.gpkg</c>) and zipped shapefile (<c>{layer}.shp.zip</c>) take <c>?crs=EPSG:NNNN</c>: 4326, 4490 (the
/// default) or a CGCS2000 Gauss-Krüger zone 4491–4554.
/// </summary>
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/export").WithTags("Export").RequireRateLimiting(RateLimits.Exports);
        foreach (var layer in FeatureLayer.All)
        {
            group.MapGet($"/{layer.Name}.geojson", (string? street, string? community, string? crs, LayerStore store) =>
                {
                    var error = CheckFilters(street, community);
                    if (error is not null) return error;
                    var system = ExportCrs.Parse(crs);
                    if (system is null) return ApiProblems.BadParameter("crs", $"must be one of {ExportCrs.Names}, not \"{crs}\"");
                    return new StreamedExport($"{layer.Name}.geojson", GeoJsonResults.ContentType, (stream, ct) =>
                        LayerExport.WriteGeoJsonAsync(store, layer, new LayerQuery(Community: community, Street: street), system, stream, ct));
                })
                .WithSummary($"{layer.Description}, as one streamed GeoJSON FeatureCollection")
                .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType)
                .ProducesProblem(StatusCodes.Status400BadRequest);
        }

        foreach (var layer in FeatureLayer.All)
        {
            group.MapGet($"/{layer.Name}.gpkg", (string? street, string? community, string? crs, LayerStore store) =>
                    GisFile(street, community, crs, system => new StreamedExport($"{LayerExport.TableName(layer)}.gpkg", "application/geopackage+sqlite3",
                        (stream, ct) => LayerExport.WriteGeoPackageAsync(store, layer, new LayerQuery(Community: community, Street: street), system, stream, ct))))
                .WithSummary($"{layer.Description}, as a GeoPackage in ?crs=EPSG:NNNN (default EPSG:4490)")
                .Produces(StatusCodes.Status200OK, contentType: "application/geopackage+sqlite3")
                .ProducesProblem(StatusCodes.Status400BadRequest);
            group.MapGet($"/{layer.Name}.shp.zip", (string? street, string? community, string? crs, LayerStore store) =>
                    GisFile(street, community, crs, system => new StreamedExport($"{LayerExport.TableName(layer)}.shp.zip", "application/zip",
                        (stream, ct) => LayerExport.WriteShapefileZipAsync(store, layer, new LayerQuery(Community: community, Street: street), system, stream, ct))))
                .WithSummary($"{layer.Description}, as a zipped shapefile (UTF-8 .dbf with .cpg, .prj; list properties in CSVs beside it) in ?crs=EPSG:NNNN (default EPSG:4490)")
                .Produces(StatusCodes.Status200OK, contentType: "application/zip")
                .ProducesProblem(StatusCodes.Status400BadRequest);
        }

        group.MapGet("/households.csv", async (string? street, string? community, HttpContext http, LayerStore store, AuditLog audit) =>
            {
                var error = CheckFilters(street, community);
                if (error is not null) return error;
                // Personal data in bulk: who read which part is on record.
                await audit.RecordAsync(ApiKeyClaims.Who(http.User), "export", "export/households.csv",
                    new { street, community, client = RateLimits.ClientOf(http) }, http.RequestAborted);
                return new StreamedExport("households.csv", "text/csv; charset=utf-8", (stream, ct) =>
                    LayerExport.WriteHouseholdsCsvAsync(store, community, street, stream, ct));
            })
            .RequirePersonalDataAccess()
            .WithSummary("every household with its grid and liaison unit in the current plans, as CSV " + LayerExport.HouseholdsCsvHeader + " (personal data: needs a key; audited)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>The coordinate reference system of a GeoPackage or shapefile export when <c>?crs=</c> is not given.</summary>
    public static readonly ReferenceSystem DefaultGisCrs = ReferenceSystems.Cgcs2000;

    private static IResult GisFile(string? street, string? community, string? crs, Func<ReferenceSystem, IResult> export)
    {
        var error = CheckFilters(street, community);
        if (error is not null) return error;
        ReferenceSystem system;
        try { system = string.IsNullOrWhiteSpace(crs) ? DefaultGisCrs : ReferenceSystems.Parse(crs, "crs"); }
        catch (BadInputException ex) { return ApiProblems.BadParameter("crs", ex.Rule + $", not \"{crs}\""); }
        return export(system);
    }

    private static IResult? CheckFilters(string? street, string? community)
    {
        if (street is not null && !AdminCodes.IsStreetCode(street))
            return ApiProblems.BadParameter("street", $"must be a 9-digit street code, not \"{street}\"");
        if (community is not null && !AdminCodes.IsCommunityCode(community))
            return ApiProblems.BadParameter("community", $"must be a 12-digit community code, not \"{community}\"");
        return null;
    }

    /// <summary>An answer written straight to the response body; a download with its file name unless that is null.</summary>
    internal sealed class StreamedExport(string? fileName, string contentType, Func<Stream, CancellationToken, Task<long>> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = contentType;
            if (fileName is not null) http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            http.Response.Headers.AccessControlAllowOrigin = "*";
            await write(http.Response.Body, http.RequestAborted);
        }
    }
}

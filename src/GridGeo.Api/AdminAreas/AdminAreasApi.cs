using GridGeo.Api.Shared;
using GridGeo.Storage.Queries;

namespace GridGeo.Api.AdminAreas;

/// <summary><c>GET /api/admin-areas?level=community|street|county</c>: the stored areas of one level as GeoJSON.</summary>
public static class AdminAreasApi
{
    private static readonly FeatureShape<AdminArea> Shape = new(
        a => a.Code,
        a => a.Boundary,
        (w, a) =>
        {
            w.WriteString("code", a.Code);
            w.WriteString("name", a.Name);
            w.WriteString("level", a.Level.ToString().ToLowerInvariant());
            if (a.ParentCode is null) w.WriteNull("parent_code");
            else w.WriteString("parent_code", a.ParentCode);
            w.WriteNumber("households", a.Households);
        });

    public static IEndpointRouteBuilder MapAdminAreasApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin-areas", async (string? level, AdminAreaStore store, CancellationToken ct) =>
            {
                var parsed = (level ?? "community").ToLowerInvariant() switch
                {
                    "county" => AdminLevel.County,
                    "street" => AdminLevel.Street,
                    "community" => (AdminLevel?)AdminLevel.Community,
                    _ => null,
                };
                if (parsed is null) return ApiProblems.BadParameter("level", $"must be county, street or community, not \"{level}\"");
                return GeoJsonResults.FeatureCollection(await store.ListAsync(parsed.Value, ct), Shape);
            })
            .WithTags("Admin areas")
            .WithSummary("counties, streets or communities (default) with boundaries and household totals, as GeoJSON")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}

using GridGeo.Api.Shared;
using GridGeo.Core.Model;
using GridGeo.Storage.Queries;

namespace GridGeo.Api.Buildings;

/// <summary>
/// <c>GET /api/buildings?bbox=&amp;limit=</c>: stored buildings in a box as GeoJSON points. At most
/// <c>limit</c> (default 5,000, at most 50,000) come back, ordered by id; <c>"truncated": true</c> says there are more.
/// </summary>
public static class BuildingsApi
{
    public const int DefaultLimit = 5_000;
    public const int MaxLimit = 50_000;

    private static readonly FeatureShape<Building> Shape = new(
        b => b.Id,
        b => b.Location,
        (w, b) =>
        {
            w.WriteString("id", b.Id);
            w.WriteNumber("households", b.Households);
            w.WriteNumber("units", b.Units);
            w.WriteNumber("floors", b.Floors);
            WriteNullable(w, "community_code", b.CommunityCode);
            WriteNullable(w, "compound_id", b.CompoundId);
            WriteNullable(w, "dedicated_id", b.DedicatedId);
            WriteNullable(w, "address", b.Address);
        });

    public static IEndpointRouteBuilder MapBuildingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/buildings", async (string? bbox, int? limit, BuildingStore store, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(bbox)) return ApiProblems.BadParameter(BboxParameter.Name, "is required: minLon,minLat,maxLon,maxLat");
                var (box, error) = BboxParameter.Parse(bbox);
                if (error is not null) return error;
                var take = limit ?? DefaultLimit;
                if (take is < 1 or > MaxLimit) return ApiProblems.BadParameter("limit", $"must lie within 1…{MaxLimit}, not {take}");
                var rows = await store.InBoxAsync(box!, take + 1, ct);
                var truncated = rows.Count > take;
                return GeoJsonResults.FeatureCollection(rows.Take(take), Shape, w => w.WriteBoolean("truncated", truncated));
            })
            .WithTags("Buildings")
            .WithSummary("buildings whose point lies in bbox (minLon,minLat,maxLon,maxLat), as GeoJSON")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}

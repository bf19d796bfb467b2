using System.Text.Json;
using GridGeo.Api.Export;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Model;
using GridGeo.IO.Plans;
using GridGeo.Storage.Layers;
using GridGeo.Storage.Plans;

namespace GridGeo.Api.Grids;

/// <summary>
/// The current grids (those of published plans, not ended): <c>GET /api/grids?bbox=&amp;community=&amp;kind=</c>
/// as a GeoJSON FeatureCollection with the properties of contract §2, and <c>GET /api/grids/{code}</c> as one
/// Feature with its code chain, liaison unit count and neighbours, and an ETag from its version;
/// <c>GET /api/grids/{code}/liaison-units</c>: the grid's liaison units (code, grid_code, households, members).
/// </summary>
public static class GridsApi
{
    /// <summary>The contract §2 properties plus plan_id, locked and version.</summary>
    public static readonly FeatureShape<StoredGrid> Shape = new(g => g.Grid.Code, g => g.Grid.Boundary, WriteProperties);

    public static IEndpointRouteBuilder MapGridsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/grids").WithTags("Grids");
        group.MapGet("", async (string? bbox, string? community, string? kind, PlanStore store, CancellationToken ct) =>
            {
                var (box, error) = BboxParameter.Parse(bbox);
                if (error is not null) return error;
                if (community is not null && !AdminCodes.IsCommunityCode(community))
                    return ApiProblems.BadParameter("community", $"must be a 12-digit community code, not \"{community}\"");
                if (kind is not null && kind is not (GridKinds.Basic or GridKinds.Dedicated))
                    return ApiProblems.BadParameter("kind", $"must be basic or dedicated, not \"{kind}\"");
                var grids = await store.GetCurrentGridsAsync(new GridFilter(box, community, kind), ct);
                return GeoJsonResults.FeatureCollection(grids, Shape);
            })
            .WithSummary("the current grids as GeoJSON, filtered by bbox (minLon,minLat,maxLon,maxLat), community code and kind")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{code}", async (string code, HttpContext http, PlanStore store, CancellationToken ct) =>
            {
                if (!AdminCodes.IsGridCode(code)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{code}\"");
                var details = await store.GetGridAsync(code, ct);
                if (details is null) return ApiProblems.NotFound($"no current grid has the code {code}");
                // With a key, the people serving the grid (personal data: audited); without, none.
                var staff = await Staffing.GridStaff.ForKeyAsync(http, code, ct);
                var shape = new FeatureShape<GridDetails>(d => d.Stored.Grid.Code, d => d.Stored.Grid.Boundary, (w, d) =>
                {
                    WriteDetails(w, d);
                    staff?.Invoke(w);
                });
                return GeoJsonResults.Feature(details, shape, ETagOf(details.Stored));
            })
            .WithSummary("one current grid with its figures, code chain and neighbours, as a GeoJSON Feature; with a key also its staff (grid worker, grid head, liaison heads: name, phone)")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{code}/liaison-units", async (string code, LayerStore layers, CancellationToken ct) =>
            {
                if (!AdminCodes.IsGridCode(code)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{code}\"");
                if (await layers.GetAsync(FeatureLayer.GridLayer, code, ct) is null) return ApiProblems.NotFound($"no current grid has the code {code}");
                return new ExportApi.StreamedExport(null, GeoJsonResults.ContentType, (stream, token) =>
                    LayerExport.WriteGeoJsonAsync(layers, FeatureLayer.LiaisonUnitLayer, new LayerQuery(IdPrefix: code), ExportCrs.Wgs84, stream, token));
            })
            .WithSummary("the liaison units (联户单元) of one current grid as GeoJSON: code (grid code + 3 digits), grid_code, households, members")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>A grid's ETag changes whenever its row changes: the row id and version.</summary>
    public static string ETagOf(StoredGrid g) => $"\"{g.Id}-{g.Version}\"";

    private static void WriteProperties(Utf8JsonWriter w, StoredGrid s)
    {
        GridPlanFile.WriteProperties(w, s.Grid);
        w.WriteNumber("plan_id", s.PlanId);
        w.WriteBoolean("locked", s.Locked);
        w.WriteNumber("version", s.Version);
    }

    private static void WriteDetails(Utf8JsonWriter w, GridDetails d)
    {
        WriteProperties(w, d.Stored);
        if (d.Stored.ValidFrom is { } from) w.WriteString("valid_from", from);
        WriteArea(w, "community", d.Stored.Grid.CommunityCode, d.CommunityName);
        WriteArea(w, "street", d.StreetCode, d.StreetName);
        WriteArea(w, "county", d.CountyCode, d.CountyName);
        w.WriteNumber("liaison_units", d.LiaisonUnits);
        w.WriteStartArray("neighbours");
        foreach (var n in d.Neighbours)
        {
            w.WriteStartObject();
            w.WriteString("code", n.Code);
            w.WriteString("kind", n.Kind);
            w.WriteNumber("households", n.Households);
            w.WriteNumber("shared_border_m", n.SharedBorderMetres);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteArea(Utf8JsonWriter w, string name, string? code, string? areaName)
    {
        if (code is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("code", code);
        if (areaName is null) w.WriteNull("name");
        else w.WriteString("name", areaName);
        w.WriteEndObject();
    }
}

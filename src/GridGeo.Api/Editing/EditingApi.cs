using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridGeo.Api.Auth;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Editing;
using GridGeo.IO.GeoJson;
using GridGeo.Storage.Editing;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Editing;

/// <summary>
/// Map edits of current grids (planner or admin key; a planner only in its streets), each with <c>If-Match</c>:
/// lock/unlock, merge two neighbours, split by a line, redraw a boundary, and revert to an earlier version; and each
/// grid's audited history. The spatial work is done by GridGeo.Core.Editing; <see cref="EditRunner"/> does the rest.
/// </summary>
public static class EditingApi
{
    /// <summary>The most positions a drawn line or boundary may have (a grid outline has a few hundred).</summary>
    public const int MaxEditPositions = 20_000;

    public static IServiceCollection AddGridGeoEditing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(EditOptions.From(configuration));
        services.AddSingleton<EditRunner>();
        return services;
    }

    public static IEndpointRouteBuilder MapEditingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/grids").WithTags("Editing");
        var write = app.MapGroup("/api/grids").WithTags("Editing");

        group.MapGet("/{code}/history", History)
            .WithSummary("every audited change of the grid: who, when, what, and the touched grids before → after (GeoJSON geometry and members)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        write.MapPost("/{code}/lock", (string code, HttpContext http, EditRunner runner, CancellationToken ct) =>
                runner.RunAsync(http, code, [], s => GridLocker.SetLocked(s, code, true), ct))
            .WithSummary("lock a grid: edits and rebalancing leave it alone (If-Match: the grid's ETag)");
        write.MapPost("/{code}/unlock", (string code, HttpContext http, EditRunner runner, CancellationToken ct) =>
                runner.RunAsync(http, code, [], s => GridLocker.SetLocked(s, code, false), ct))
            .WithSummary("unlock a grid (If-Match: the grid's ETag)");

        write.MapPost("/merge", (MergeRequest body, HttpContext http, EditRunner runner, CancellationToken ct) =>
            {
                if (body.Codes is not { Length: 2 } codes) return Task.FromResult(ApiProblems.BadParameter("codes", "must name exactly two grid codes"));
                if (AdminCodes.IsGridCode(codes[0]) && AdminCodes.IsGridCode(codes[1]) && AdminCodes.CommunityOf(codes[0]) != AdminCodes.CommunityOf(codes[1]))
                    return Task.FromResult(EditProblems.Rejected(new GridEditException(EditRules.SameCommunity, codes[1],
                        $"grids {codes[0]} and {codes[1]} are in different communities; a grid never crosses a community line")));
                return runner.RunAsync(http, codes[0], [codes[1]], s => GridMerger.Merge(s, codes[0], codes[1]), ct);
            })
            .WithSummary("merge two adjacent grids of one community; the first keeps its code (If-Match: the ETags of both, comma-separated)");

        write.MapPost("/{code}/split", (string code, SplitRequest body, HttpContext http, EditRunner runner, CancellationToken ct) =>
            {
                var (line, error) = ReadGeometry(body.Line, "line");
                return error is not null ? Task.FromResult(error) : runner.RunAsync(http, code, [], s => GridSplitter.Split(s, code, line!), ct);
            })
            .WithSummary("split a grid by a GeoJSON LineString drawn across it; the part with most households keeps the code");

        write.MapPut("/{code}/boundary", (string code, RedrawRequest body, HttpContext http, EditRunner runner, CancellationToken ct) =>
            {
                var (polygon, error) = ReadGeometry(body.Geometry, "geometry");
                return error is not null ? Task.FromResult(error) : runner.RunAsync(http, code, [], s => BoundaryRedrawer.Redraw(s, code, polygon!), ct);
            })
            .WithSummary("redraw a grid's boundary; neighbours' shared edges follow and buildings are reassigned by location");

        write.MapPost("/{code}/revert", Revert)
            .WithSummary("restore the grid, and every grid the change touched, to the grid's earlier version (If-Match: the grid's ETag)");
        return app;
    }

    private static async Task<IResult> History(string code, GridEditStore store, CancellationToken ct)
    {
        if (!AdminCodes.IsGridCode(code)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{code}\"");
        var entries = await store.HistoryAsync(code, ct);
        if (entries.Count == 0 && await store.CommunityOfAsync(code, ct) is null)
            return ApiProblems.NotFound($"no current grid has the code {code} and none had it in an audited change");
        return Results.Json(new
        {
            code,
            entries = entries.Select(e => new
            {
                id = e.Id,
                who = e.Who,
                at = e.At,
                action = e.Action,
                grids = e.Grids,
                version_before = VersionIn(e.BeforeJson, code),
                version_after = VersionIn(e.AfterJson, code),
                before = Readable(e.BeforeJson),
                after = Readable(e.AfterJson),
            }),
        });
    }

    private static async Task<IResult> Revert(string code, RevertRequest body, HttpContext http, GridEditStore store, EditRunner runner, CancellationToken ct)
    {
        if (!AdminCodes.IsGridCode(code)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{code}\"");
        if (body.Version < 1) return ApiProblems.BadParameter("version", $"must be a version ≥ 1, not {body.Version}");
        var change = await store.ChangeFromVersionAsync(code, body.Version, ct);
        if (change?.BeforeJson is null) return ApiProblems.NotFound($"grid {code} has no recorded version {body.Version} that a later change replaced");
        var restore = JsonNode.Parse(change.BeforeJson)!["grids"]!.AsArray()
            .Select(n => GridStateJson.Read(n!)).OfType<(long Id, EditableGrid Grid)>().Select(x => x.Grid).ToList();
        return await runner.RunAsync(http, code, [], s => GridReverter.Revert(s, restore, change.Grids.ToList()), ct);
    }

    private static (Geometry?, IResult?) ReadGeometry(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object) return (null, ApiProblems.BadParameter(name, "must be a GeoJSON geometry object"));
        try
        {
            return (GeoJsonGeometry.Read(e, maxPositions: MaxEditPositions), null);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            return (null, ApiProblems.BadParameter(name, ex.Message));
        }
    }

    private static int? VersionIn(string? json, string code)
    {
        if (json is null) return null;
        var grids = JsonNode.Parse(json)?["grids"]?.AsArray();
        return grids?.FirstOrDefault(g => g?["code"]?.GetValue<string>() == code)?["version"]?.GetValue<int>();
    }

    // The exact WKB is kept for reverts; readers get the GeoJSON geometry.
    private static JsonNode? Readable(string? json)
    {
        if (json is null) return null;
        var node = JsonNode.Parse(json);
        foreach (var g in node?["grids"]?.AsArray() ?? []) (g as JsonObject)?.Remove("wkb");
        return node;
    }
}

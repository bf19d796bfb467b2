using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridGeo.Api.Auth;
using GridGeo.Api.Locate;
using GridGeo.Api.Shared;
using GridGeo.Api.Staffing;
using GridGeo.Core;
using GridGeo.Core.Events;
using GridGeo.Core.Geo;
using GridGeo.Core.Lookup;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Events;
using GridGeo.Storage.Lookup;
using GridGeo.Storage.Staffing;

namespace GridGeo.Api.Events;

/// <summary>
/// Events routed to the person responsible (contract §4). <c>POST /api/events</c> with a point (<c>lon, lat, crs?</c>) or a
/// door-plate <c>address</c> (with an optional <c>county</c> or <c>street</c>; see <see cref="EventAddress"/>), a <c>category</c>
/// and a <c>text</c>: the grid comes from the in-memory grid index (or the address's household), the liaison unit likewise, the assignee is the grid's worker from the in-memory staff directory;
/// 201 with all three. Then <c>POST /api/events/{id}/{dispatch|accept|resolve|rate}</c>, each by the right key
/// (<see cref="EventFlow"/>), timestamped and audited; <c>GET /api/events?grid=&amp;status=&amp;since=</c>; open events per
/// grid as a GeoJSON layer (<c>/api/events/open-by-grid</c>) and per person (<c>/api/events/open-by-worker</c>).
/// An event keeps <c>reported_grid_code</c>, the grid at the time it was made; when that grid is retired by a publish or
/// an edit, its open events are re-routed to the grid covering them.
/// </summary>
public static class EventsApi
{
    private static readonly TimeSpan FirstBuildWait = TimeSpan.FromSeconds(30);

    /// <summary>The body of <c>POST /api/events</c>.</summary>
    public sealed record ReportBody(
        [property: JsonPropertyName("lon")] double? Lon,
        [property: JsonPropertyName("lat")] double? Lat,
        [property: JsonPropertyName("crs")] string? Crs,
        [property: JsonPropertyName("address")] string? Address,
        [property: JsonPropertyName("county")] string? County,
        [property: JsonPropertyName("street")] string? Street,
        [property: JsonPropertyName("category")] string? Category,
        [property: JsonPropertyName("text")] string? Text);

    /// <summary>The optional body of a step: <c>assignee</c> (dispatch), <c>resolution</c> (resolve), <c>rating</c> 1–5 (rate, required).</summary>
    public sealed record StepBody(
        [property: JsonPropertyName("assignee")] long? Assignee,
        [property: JsonPropertyName("resolution")] string? Resolution,
        [property: JsonPropertyName("rating")] int? Rating);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var keyed = app.MapGroup("/api/events").WithTags("Events").RequireAuthorization();
        keyed.MapPost("", ReportAsync)
            .OwnWriteRule("any key may report an event (an integrating system or a resident service); it is routed, not trusted")
            .WithSummary("report an event at a point (lon, lat, crs) or a door-plate address (with county or street to hold it to one; an address found in more than one grid is a 422 listing the candidates), with category and text → 201 with its grid, liaison unit and assigned grid worker")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status422UnprocessableEntity);
        keyed.MapGet("", ListAsync)
            .WithSummary("events, newest first, by grid (routed to now), status, reported since (ISO 8601), assignee; limit ≤ 1000")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        keyed.MapGet("/{id:guid}", async (Guid id, EventStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } e ? Results.Json(Json(e)) : ApiProblems.NotFound($"no event has the id {id}"))
            .WithSummary("one event with its routing and the time of each step")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        keyed.MapPost("/{id:guid}/{step}", StepAsync)
            .OwnWriteRule("dispatch: a planner of the event's street or admin; accept and resolve: the assigned person's key or admin; rate: the reporting key or admin")
            .WithSummary("a step of the event: dispatch (planner of the street or admin; optional assignee), accept and resolve (the assigned person's key or admin; resolve takes a resolution), rate (the reporting key or admin; rating 1–5)")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        keyed.MapGet("/open-by-worker", async (string? street, EventStore store, CancellationToken ct) =>
            {
                if (street is not null && !AdminCodes.IsStreetCode(street)) return ApiProblems.BadParameter("street", $"must be a 9-digit street code, not \"{street}\"");
                var rows = await store.OpenByWorkerAsync(street, ct);
                return Results.Json(new { workers = rows.Select(r => new { id = r.StaffId, name = r.Name, role = r.Role, street = r.Street, open = r.Open }) });
            })
            .WithSummary("open events (reported, dispatched, accepted) per assigned person, most first")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);

        app.MapGet("/api/events/open-by-grid", async (string? bbox, EventStore store, CancellationToken ct) =>
            {
                var (box, error) = BboxParameter.Parse(bbox);
                if (error is not null) return error;
                var rows = await store.OpenByGridAsync(box, ct);
                return GeoJsonResults.FeatureCollection(rows, OpenShape);
            })
            .WithTags("Events")
            .WithSummary("open events per current grid as GeoJSON points (a point inside each grid with open events): grid_code, kind, open")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType);
        return app;
    }

    private static readonly FeatureShape<GridEventCount> OpenShape = new(r => r.GridCode,
        r => GeoFactory.Wgs84.CreatePoint(new NetTopologySuite.Geometries.Coordinate(r.Lon, r.Lat)),
        (w, r) =>
        {
            w.WriteString("grid_code", r.GridCode);
            w.WriteString("kind", r.Kind);
            w.WriteNumber("open", r.Open);
        });

    private static async Task<IResult> ReportAsync(ReportBody? body, HttpContext http, ILocatorProvider locator, StaffDirectory directory,
        EventStore events, EventWriter writer, CancellationToken ct)
    {
        if (body is null) return ApiProblems.BadParameter("body", "a JSON object {lon, lat, crs?} or {address}, with category and text");
        var category = body.Category?.Trim();
        if (string.IsNullOrEmpty(category) || category.Length > 50) return ApiProblems.BadParameter("category", "is required: 1 to 50 characters");
        var text = body.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2000) return ApiProblems.BadParameter("text", "is required: 1 to 2000 characters");
        var hasPoint = body.Lon is not null || body.Lat is not null;
        var address = body.Address?.Trim();
        if (hasPoint == !string.IsNullOrEmpty(address)) return ApiProblems.BadParameter("body", "give either a point (lon, lat, crs?) or an address, not both and not neither");
        if (hasPoint && (body.County is not null || body.Street is not null))
            return ApiProblems.BadParameter(body.County is not null ? "county" : "street", "holds an address to a county or street; a point needs neither");

        double lon, lat;
        string? gridFromAddress = null, unitFromAddress = null;
        if (hasPoint)
        {
            if (body.Lon is not { } x || !double.IsFinite(x) || x is < -180 or > 180) return ApiProblems.BadParameter("lon", "is required with lat: a longitude in degrees, -180…180");
            if (body.Lat is not { } y || !double.IsFinite(y) || y is < -90 or > 90) return ApiProblems.BadParameter("lat", "is required with lon: a latitude in degrees, -90…90");
            if (!CoordinateSystems.TryParse(body.Crs, out var system))
                return ApiProblems.BadParameter("crs", $"unknown coordinate system \"{body.Crs}\"; allowed: {string.Join(", ", CoordinateSystems.Names)}");
            var p = CoordinateConverter.ToWgs84(x, y, system);
            (lon, lat) = (p.Lon, p.Lat);
        }
        else
        {
            if (address!.Length > 200) return ApiProblems.BadParameter("address", $"has {address.Length} characters; at most 200");
            var (area, badArea) = DoorPlateAreaParameters.Parse(body.County, body.Street);
            if (badArea is not null) return badArea;
            var plates = (locator.Current ?? await locator.GetAsync(FirstBuildWait, ct))?.DoorPlates;
            if (plates is null) return ApiProblems.Unavailable("the door-plate index of the current plan is not built yet (is the database up?)");
            var (match, unroutable) = EventAddress.Resolve(plates, address, area);
            if (unroutable is not null) return unroutable;
            var householdId = plates.Index.HouseholdId(match.Household).ToString();
            if (await events.HouseholdLocationAsync(householdId, ct) is not { } at) return EventAddress.Unroutable("address", $"household {householdId} has no stored location");
            (lon, lat) = at;
            (gridFromAddress, unitFromAddress) = (plates.GridCodeOf(match), plates.LiaisonUnitOf(match.Household));
        }

        var snapshot = locator.Current ?? await locator.GetAsync(FirstBuildWait, ct);
        if (snapshot is null) return ApiProblems.Unavailable("the grid index of the current plan is not built yet (is the database up?)");
        string gridCode;
        string? unitCode;
        if (gridFromAddress is not null)
            (gridCode, unitCode) = (gridFromAddress, unitFromAddress);
        else
        {
            var index = snapshot.Grids.LocateIndex(lon, lat);
            if (index < 0)
                return EventAddress.Unroutable(hasPoint ? "lon" : "address", string.Create(CultureInfo.InvariantCulture,
                    $"the point ({lon}, {lat}) lies outside every current grid; an event is routed to the grid that holds it"));
            gridCode = snapshot.Grids.Grids[index].Code;
            unitCode = snapshot.UnitCode(index, lon, lat);
        }
        var staff = await directory.GetAsync(ct);
        var worker = staff.Serving(gridCode, StaffRoles.GridWorker);
        var id = Guid.CreateVersion7();
        var keyId = long.TryParse(http.User.FindFirstValue(ApiKeyClaims.KeyId), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : (long?)null;
        var reportedAt = await writer.WriteAsync(new NewEvent(id, category, text, lon, lat, hasPoint ? null : address, gridCode, unitCode, worker?.Id,
            ApiKeyClaims.Who(http.User), keyId), ct);
        return Results.Created($"/api/events/{id}", new
        {
            id,
            status = EventFlow.Reported,
            grid = new { code = gridCode },
            liaison_unit = unitCode is null ? null : new { code = unitCode },
            assignee = worker is null ? null : new { id = worker.Id, name = worker.Name },
            reported_at = reportedAt,
        });
    }

    private static async Task<IResult> ListAsync(string? grid, string? status, string? since, string? assignee, string? limit, EventStore store, CancellationToken ct)
    {
        if (grid is not null && !AdminCodes.IsGridCode(grid)) return ApiProblems.BadParameter("grid", $"must be a 15-digit grid code, not \"{grid}\"");
        if (status is not null && !EventFlow.IsStatus(status)) return ApiProblems.BadParameter("status", $"must be one of {string.Join(", ", EventFlow.Statuses)}, not \"{status}\"");
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                return ApiProblems.BadParameter("since", $"must be an ISO 8601 time such as 2026-12-06T08:00:00Z, not \"{since}\"");
            from = t;
        }
        long? person = null;
        if (assignee is not null)
        {
            if (!long.TryParse(assignee, NumberStyles.None, CultureInfo.InvariantCulture, out var a)) return ApiProblems.BadParameter("assignee", $"must be a person id, not \"{assignee}\"");
            person = a;
        }
        var max = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 1000))
            return ApiProblems.BadParameter("limit", $"must be an integer from 1 to 1000, not \"{limit}\"");
        var rows = await store.ListAsync(grid, status, from, person, max, ct);
        return Results.Json(new { events = rows.Select(Json) });
    }

    private static async Task<IResult> StepAsync(Guid id, string step, StepBody? body, HttpContext http, EventStore events, StaffStore staff,
        StaffDirectory directory, CancellationToken ct)
    {
        if (EventFlow.Transition(step) is null) return ApiProblems.NotFound($"events have no step \"{step}\"; steps: {string.Join(", ", EventFlow.Steps)}");
        var e = await events.GetAsync(id, ct);
        if (e is null) return ApiProblems.NotFound($"no event has the id {id}");
        if (EventFlow.Refusal(step, e.Status) is { } refusal) return ApiProblems.Conflict($"event {id}: {refusal}");
        var user = http.User;
        var admin = user.IsInRole(ApiRoles.Admin);
        long? assignee = null;
        string? resolution = null;
        int? rating = null;
        switch (step)
        {
            case "dispatch":
                if (!admin && !(user.IsInRole(ApiRoles.Planner) && e.GridCode is not null && StreetScope.Allows(user, e.GridCode)))
                    return ApiProblems.Forbidden($"dispatching event {id} needs a planner key of street {StreetOf(e)} (the command centre) or an admin key");
                if (body?.Assignee is { } chosen)
                {
                    var person = (await directory.GetAsync(ct)).People.GetValueOrDefault(chosen) ?? await staff.GetAsync(chosen, ct);
                    if (person is null) return ApiProblems.BadParameter("assignee", $"no person of the roster has the id {chosen}");
                    if (e.GridCode is not null && person.Street != AdminCodes.StreetOf(e.GridCode))
                        return ApiProblems.BadParameter("assignee", $"{person.Name} (id {chosen}) belongs to street {person.Street}, not to the event's street {StreetOf(e)}");
                    assignee = chosen;
                }
                else if (e.AssigneeId is null)
                    return ApiProblems.BadParameter("assignee", $"grid {e.GridCode} has no grid worker: name the person to dispatch event {id} to");
                break;
            case "accept":
            case "resolve":
                if (!admin && (e.AssigneeId is null || await ActsForAsync(user, staff, ct) != e.AssigneeId))
                    return ApiProblems.Forbidden($"{step} of event {id} needs the key of its assigned person (id {e.AssigneeId}; see gridgeo staff key) or an admin key");
                if (step == "resolve")
                {
                    resolution = body?.Resolution?.Trim();
                    if (resolution is { Length: > 2000 }) return ApiProblems.BadParameter("resolution", "at most 2000 characters");
                }
                break;
            case "rate":
                if (!admin && (e.ReporterKeyId is null || KeyIdOf(user) != e.ReporterKeyId))
                    return ApiProblems.Forbidden($"rating event {id} needs the key that reported it or an admin key");
                if (body?.Rating is not (>= 1 and <= 5)) return ApiProblems.BadParameter("rating", "is required: a whole number from 1 to 5");
                rating = body.Rating;
                break;
        }
        var after = await events.StepAsync(id, step, ApiKeyClaims.Who(user), assignee, resolution, rating, ct);
        return after is null ? ApiProblems.Conflict($"event {id} changed meanwhile; read it again") : Results.Json(Json(after));
    }

    private static string StreetOf(StoredEvent e) => e.GridCode is null ? "(none)" : AdminCodes.StreetOf(e.GridCode);

    private static long? KeyIdOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ApiKeyClaims.KeyId), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;

    private static async Task<long?> ActsForAsync(ClaimsPrincipal user, StaffStore staff, CancellationToken ct) =>
        KeyIdOf(user) is { } key ? await staff.StaffOfKeyAsync(key, ct) : null;

    /// <summary>An event as the API writes it.</summary>
    public static object Json(StoredEvent e) => new
    {
        id = e.Id,
        category = e.Category,
        text = e.Text,
        status = e.Status,
        lon = e.Lon,
        lat = e.Lat,
        address = e.Address,
        reported_grid_code = e.ReportedGridCode,
        grid = e.GridCode is null ? null : new { code = e.GridCode },
        liaison_unit = e.LiaisonUnitCode is null ? null : new { code = e.LiaisonUnitCode },
        assignee = e.AssigneeId is null ? null : new { id = e.AssigneeId, name = e.AssigneeName },
        reported_by = e.ReportedBy,
        reported_at = e.ReportedAt,
        dispatched_at = e.DispatchedAt,
        accepted_at = e.AcceptedAt,
        resolved_at = e.ResolvedAt,
        rated_at = e.RatedAt,
        resolution = e.Resolution,
        rating = e.Rating,
        rerouted_from = e.ReroutedFrom,
    };
}

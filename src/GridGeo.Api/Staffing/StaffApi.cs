using System.Security.Claims;
using System.Text.Json.Serialization;
using GridGeo.Api.Auth;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Auth;
using GridGeo.Storage.Staffing;

namespace GridGeo.Api.Staffing;

/// <summary>
/// The roster (contract §4): <c>POST/GET/PUT/DELETE /api/staff</c> — a person <c>{id, name, phone, role, street, assignments}</c>
/// — and <c>GET /api/staff/coverage?street=</c>, the staffing rules of a street and what breaks them. Phones are personal
/// data: every endpoint needs a key, and each read is written to the audit log. Writes need a planner key for the person's
/// street (both the old and the new one on a change) or an admin key; a planner reads only its streets.
/// <c>GET /api/grids/{code}/staff</c> lists the people serving one grid (notice boards, the viewer's staffing panel).
/// </summary>
public static class StaffApi
{
    /// <summary>The body of POST and PUT: the street may be left out when assignments name it.</summary>
    public sealed record StaffBody(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("phone")] string? Phone,
        [property: JsonPropertyName("role")] string? Role,
        [property: JsonPropertyName("street")] string? Street,
        [property: JsonPropertyName("assignments")] List<string>? Assignments)
    {
        public StaffPersonInput Input => new(Name, Phone, Role, Street, Assignments);
    }

    public static IServiceCollection AddStaffing(this IServiceCollection services)
    {
        services.AddSingleton(sp => StaffOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<StaffDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<StaffDirectory>());
        return services;
    }

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization();
        var write = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization(AuthPolicies.Write);

        read.MapGet("", async (string? street, string? code, HttpContext http, StaffStore store, CancellationToken ct) =>
            {
                if (street is not null && !AdminCodes.IsStreetCode(street)) return ApiProblems.BadParameter("street", $"must be a 9-digit street code, not \"{street}\"");
                if (code is not null && code.Length is not (AdminCodes.GridLength or AdminCodes.LiaisonUnitLength))
                    return ApiProblems.BadParameter("code", $"must be a 15-digit grid or 18-digit liaison unit code, not \"{code}\"");
                var scoped = ReadScope(http.User);
                if (street is not null && scoped is not null && !scoped.Contains(street)) return OutsideStreets(http.User, street);
                var people = (await store.ListAsync(street, code, ct)).Where(p => scoped is null || scoped.Contains(p.Street)).ToList();
                await store.AuditReadAsync(ApiKeyClaims.Who(http.User), $"staff?street={street}&code={code}", new { people = people.Count }, ct);
                return Results.Json(new { people = people.Select(Json) });
            })
            .WithSummary("the roster, filtered by street and by a grid or liaison-unit code served (a key is needed: phones are personal data; reads are audited)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        read.MapGet("/{id:long}", async (long id, HttpContext http, StaffStore store, CancellationToken ct) =>
            {
                var person = await store.GetAsync(id, ct);
                if (person is null || ReadScope(http.User) is { } scoped && !scoped.Contains(person.Street)) return ApiProblems.NotFound($"no person of the roster you may read has the id {id}");
                await store.AuditReadAsync(ApiKeyClaims.Who(http.User), $"staff/{id}", null, ct);
                return Results.Json(Json(person));
            })
            .WithSummary("one person of the roster (audited read)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/coverage", async (string? street, HttpContext http, StaffStore store, StaffOptions options, CancellationToken ct) =>
            {
                if (!AdminCodes.IsStreetCode(street)) return ApiProblems.BadParameter("street", $"is required: a 9-digit street code, not \"{street}\"");
                if (ReadScope(http.User) is { } scoped && !scoped.Contains(street!)) return OutsideStreets(http.User, street!);
                var c = await store.CoverageAsync(street!, options.Coverage, ct);
                var grids = c.Areas.Where(a => !a.IsLiaisonUnit).ToList();
                return Results.Json(new
                {
                    street = c.Street,
                    ok = c.Problems.Count == 0,
                    basic_grids = grids.Count(g => g.IsBasic),
                    dedicated_grids = grids.Count(g => !g.IsBasic),
                    liaison_units = c.Areas.Count(a => a.IsLiaisonUnit),
                    people = c.People.GroupBy(p => p.Role).ToDictionary(g => g.Key, g => g.Count()),
                    grids_without_worker = c.Problems.Where(p => p.Rule == "grid_worker_missing").Select(p => p.Code),
                    liaison_units_without_head = c.Problems.Count(p => p.Rule == "liaison_head_missing"),
                    shared_rural_worker_allowed = options.Coverage.AllowSharedRuralWorker,
                    problems = c.Problems.Select(p => new { rule = p.Rule, code = p.Code, message = p.Message, people = p.People }),
                });
            })
            .WithSummary("the staffing rules of a street: each basic grid exactly one grid worker (a setting lets small rural grids share one), each liaison unit one liaison head, each person's assignments in their street")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        read.MapGet("/unstaffed", async (string? bbox, StaffStore store, CancellationToken ct) =>
            {
                var (box, error) = BboxParameter.Parse(bbox);
                if (error is not null) return error;
                var rows = await store.UnstaffedGridsAsync(box, ct);
                return GeoJsonResults.FeatureCollection(rows, new FeatureShape<(string Code, int Households, NetTopologySuite.Geometries.Geometry Boundary)>(
                    r => r.Code, r => r.Boundary, (w, r) =>
                    {
                        w.WriteString("code", r.Code);
                        w.WriteNumber("households", r.Households);
                    }));
            })
            .WithSummary("the current basic grids that no grid worker serves, as GeoJSON (the viewer marks them), filtered by bbox")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResults.ContentType);

        write.MapPost("", async (StaffBody? body, HttpContext http, StaffStore store, StaffDirectory directory, CancellationToken ct) =>
            {
                if (body is null) return ApiProblems.BadParameter("body", "a JSON object {name, phone, role, street?, assignments:[codes]}");
                var person = StaffPersonRules.Validate(body.Input, "body", "person");
                if (StreetScope.Check(http, [person.Street]) is { } denied) return denied;
                var saved = await store.CreateAsync(body.Input, ApiKeyClaims.Who(http.User), ct);
                await directory.RefreshAsync(ct);
                return Results.Created($"/api/staff/{saved.Id}", Json(saved));
            })
            .WithSummary("add a person to the roster (planner key of the person's street, or admin)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        write.MapPut("/{id:long}", async (long id, StaffBody? body, HttpContext http, StaffStore store, StaffDirectory directory, CancellationToken ct) =>
            {
                if (body is null) return ApiProblems.BadParameter("body", "a JSON object {name, phone, role, street?, assignments:[codes]}");
                var before = await store.GetAsync(id, ct);
                if (before is null) return ApiProblems.NotFound($"no person of the roster has the id {id}");
                var person = StaffPersonRules.Validate(body.Input, "body", $"person {id}", id);
                if (StreetScope.Check(http, [before.Street, person.Street]) is { } denied) return denied;
                var saved = await store.UpdateAsync(id, body.Input, ApiKeyClaims.Who(http.User), ct);
                if (saved is null) return ApiProblems.NotFound($"no person of the roster has the id {id}");
                await directory.RefreshAsync(ct);
                return Results.Json(Json(saved));
            })
            .WithSummary("replace a person of the roster (planner key of the old and new street, or admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        write.MapDelete("/{id:long}", async (long id, HttpContext http, StaffStore store, StaffDirectory directory, CancellationToken ct) =>
            {
                var before = await store.GetAsync(id, ct);
                if (before is null) return ApiProblems.NotFound($"no person of the roster has the id {id}");
                if (StreetScope.Check(http, [before.Street]) is { } denied) return denied;
                if (!await store.DeleteAsync(id, ApiKeyClaims.Who(http.User), ct)) return ApiProblems.NotFound($"no person of the roster has the id {id}");
                await directory.RefreshAsync(ct);
                return Results.NoContent();
            })
            .WithSummary("remove a person and their assignments from the roster")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/grids/{code}/staff", async (string code, HttpContext http, StaffStore store, CancellationToken ct) =>
            {
                if (!AdminCodes.IsGridCode(code)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{code}\"");
                var people = await store.ServingGridAsync(code, ct);
                await store.AuditReadAsync(ApiKeyClaims.Who(http.User), $"grid/{code}/staff", new { people = people.Count }, ct);
                return Results.Json(new
                {
                    grid = code,
                    people = people.Select(p => new { id = p.Id, role = p.Role, name = p.Name, phone = p.Phone, liaison_unit = p.LiaisonUnitCode }),
                });
            })
            .RequireAuthorization()
            .WithTags("Staff")
            .WithSummary("the people serving a grid: its grid worker and grid head, and the liaison heads of its units (name, phone; key needed, audited)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>A person as the API writes it.</summary>
    public static object Json(StaffPerson p) => new { id = p.Id, name = p.Name, phone = p.Phone, role = p.Role, street = p.Street, assignments = p.Assignments };

    /// <summary>The streets a key may read the roster of: null for every street (reader and admin keys), else a planner's streets.</summary>
    private static HashSet<string>? ReadScope(ClaimsPrincipal user) =>
        user.IsInRole(ApiRoles.Planner) && !user.IsInRole(ApiRoles.Admin)
            ? user.FindAll(ApiKeyClaims.Street).Select(c => c.Value).ToHashSet(StringComparer.Ordinal)
            : null;

    private static IResult OutsideStreets(ClaimsPrincipal user, string street) => ApiProblems.Forbidden(
        $"the key \"{user.Identity?.Name}\" may read the roster of the streets {string.Join(", ", user.FindAll(ApiKeyClaims.Street).Select(c => c.Value))} only, not {street}");
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridGeo.Api.Auth;
using GridGeo.Api.Shared;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Staffing;

namespace GridGeo.Api.Staffing;

/// <summary>
/// "Who do I send this to?": lookups answer with the people serving the grid found — the grid worker and grid head of the
/// grid and the liaison head of the liaison unit (id, name, phone) — from the in-memory <see cref="StaffDirectory"/>.
/// Phones are personal data: <c>include=staff</c> needs a key (401 without), and each such answer is audited.
/// The plain lookups do not touch this class.
/// </summary>
public static class StaffLookup
{
    public const string IncludeStaff = "staff";
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>400 for an <c>include</c> other than <c>staff</c>, 401 without a key; null when the request may have the staff.</summary>
    public static IResult? Refusal(HttpContext http, string include)
    {
        if (include != IncludeStaff) return ApiProblems.BadParameter("include", $"the only value is \"staff\", not \"{include}\"");
        if (http.User.Identity?.IsAuthenticated != true)
            return Results.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
                detail: "include=staff answers with names and phone numbers (personal data): send an API key as X-Api-Key or Authorization: Bearer");
        return null;
    }

    /// <summary>Writes <c>"staff":{grid_worker, grid_head, liaison_head}</c>, each <c>{id, name, phone}</c> or null.</summary>
    public static void Write(Utf8JsonWriter w, StaffSnapshot staff, string gridCode, string? unitCode)
    {
        w.WriteStartObject("staff");
        Person(w, "grid_worker", staff.Serving(gridCode, StaffRoles.GridWorker));
        Person(w, "grid_head", staff.Serving(gridCode, StaffRoles.GridHead));
        Person(w, "liaison_head", staff.Serving(unitCode, StaffRoles.LiaisonHead));
        w.WriteEndObject();
    }

    /// <summary>The staff object of <see cref="Write"/> as a JSON node.</summary>
    public static JsonNode? Node(StaffSnapshot staff, string? gridCode, string? unitCode)
    {
        if (gridCode is null) return null;
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            Write(w, staff, gridCode, unitCode);
            w.WriteEndObject();
        }
        return JsonNode.Parse(buffer.ToArray())!["staff"]!.DeepClone();
    }

    /// <summary>Writes <paramref name="p"/> as <c>{id, name, phone}</c> under <paramref name="name"/>, or null.</summary>
    internal static void Person(Utf8JsonWriter w, string name, StaffPerson? p)
    {
        if (p is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("id", p.Id);
        w.WriteString("name", p.Name);
        w.WriteString("phone", p.Phone);
        w.WriteEndObject();
    }

    /// <summary>
    /// The answer of <c>GET /api/locate?include=staff</c>: the plain answer (<paramref name="gridPart"/> + <paramref name="unitPart"/>,
    /// see <c>LocatorSnapshot.Answer</c>) with <c>"staff"</c> added, and the read audited.
    /// </summary>
    public static async Task<IResult> LocateAnswerAsync(HttpContext http, string include, byte[] gridPart, byte[] unitPart, string gridCode, string? unitCode)
    {
        if (Refusal(http, include) is { } refused) return refused;
        var services = http.RequestServices;
        var staff = await services.GetRequiredService<StaffDirectory>().GetAsync(http.RequestAborted);
        var staffJson = new MemoryStream();
        using (var w = new Utf8JsonWriter(staffJson, WriterOptions))
        {
            w.WriteStartObject();
            Write(w, staff, gridCode, unitCode);
            w.WriteEndObject();
        }
        // The unit part closes the answer object: leave its last brace off and splice in the members of {"staff":…}.
        var answer = new byte[gridPart.Length + unitPart.Length - 1 + 1 + (int)staffJson.Length - 1];
        gridPart.CopyTo(answer, 0);
        unitPart.AsSpan(0, unitPart.Length - 1).CopyTo(answer.AsSpan(gridPart.Length));
        answer[gridPart.Length + unitPart.Length - 1] = (byte)',';
        staffJson.GetBuffer().AsSpan(1, (int)staffJson.Length - 1).CopyTo(answer.AsSpan(gridPart.Length + unitPart.Length));
        await services.GetRequiredService<StaffStore>().AuditReadAsync(ApiKeyClaims.Who(http.User), "locate?include=staff", new { grid = gridCode, liaison_unit = unitCode }, http.RequestAborted);
        return Results.Bytes(answer, "application/json; charset=utf-8");
    }

    /// <summary>The door-plate answer with <c>"staff"</c> added to each result that has a grid; the read audited.</summary>
    public static async Task<IResult> AddressAnswerAsync(HttpContext http, string include, JsonNode answer, IReadOnlyList<(string? Grid, string? Unit)> codes)
    {
        if (Refusal(http, include) is { } refused) return refused;
        var staff = await http.RequestServices.GetRequiredService<StaffDirectory>().GetAsync(http.RequestAborted);
        var results = answer["results"]!.AsArray();
        for (var i = 0; i < results.Count && i < codes.Count; i++) results[i]!["staff"] = Node(staff, codes[i].Grid, codes[i].Unit);
        await http.RequestServices.GetRequiredService<StaffStore>().AuditReadAsync(ApiKeyClaims.Who(http.User), "locate/address?include=staff",
            new { grids = codes.Select(c => c.Grid).Distinct().ToList() }, http.RequestAborted);
        return Results.Text(answer.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), "application/json; charset=utf-8");
    }
}

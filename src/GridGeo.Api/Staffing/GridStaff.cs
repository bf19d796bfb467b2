using System.Text.Json;
using GridGeo.Api.Auth;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Staffing;

namespace GridGeo.Api.Staffing;

/// <summary>
/// The <c>staff</c> member of <c>GET /api/grids/{code}</c> for a caller with a key: <c>{grid_worker, grid_head, liaison_heads:[{liaison_unit, id, name, phone}]}</c>;
/// the read is audited. Callers without a key get no staff member (phones are personal data).
/// </summary>
public static class GridStaff
{
    /// <summary>A writer of the staff member, or null when the caller has no key.</summary>
    public static async Task<Action<Utf8JsonWriter>?> ForKeyAsync(HttpContext http, string gridCode, CancellationToken ct)
    {
        if (http.User.Identity?.IsAuthenticated != true) return null;
        var staff = await http.RequestServices.GetRequiredService<StaffDirectory>().GetAsync(ct);
        await http.RequestServices.GetRequiredService<StaffStore>().AuditReadAsync(ApiKeyClaims.Who(http.User), $"grid/{gridCode}", null, ct);
        var worker = staff.Serving(gridCode, StaffRoles.GridWorker);
        var head = staff.Serving(gridCode, StaffRoles.GridHead);
        var heads = staff.LiaisonHeadsOf(gridCode).ToList();
        return w =>
        {
            w.WriteStartObject("staff");
            StaffLookup.Person(w, "grid_worker", worker);
            StaffLookup.Person(w, "grid_head", head);
            w.WriteStartArray("liaison_heads");
            foreach (var (unit, p) in heads)
            {
                w.WriteStartObject();
                w.WriteString("liaison_unit", unit);
                w.WriteNumber("id", p.Id);
                w.WriteString("name", p.Name);
                w.WriteString("phone", p.Phone);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        };
    }
}

using System.Security.Claims;
using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Storage.Auth;

namespace GridGeo.Api.Auth;

/// <summary>
/// A planner key edits only grids of the streets named on it (a grid's street is the first 9 digits of its code);
/// an admin key edits everywhere. Handlers call <see cref="Check"/> with every grid or community a request touches.
/// </summary>
public static class StreetScope
{
    private const string CheckedItem = "gridgeo:streets-checked";

    /// <summary>Whether this request's streets were checked through <see cref="Check(HttpContext, IEnumerable{string})"/> (see <see cref="WriteAccess"/>).</summary>
    public static bool WasChecked(HttpContext http) => http.Items.ContainsKey(CheckedItem);

    /// <summary>As <see cref="Check(ClaimsPrincipal, IEnumerable{string})"/> for the request's key, and records that the request's streets were checked.</summary>
    public static IResult? Check(HttpContext http, IEnumerable<string> codes)
    {
        http.Items[CheckedItem] = true;
        return Check(http.User, codes);
    }

    public static bool Allows(ClaimsPrincipal user, string code)
    {
        if (user.IsInRole(ApiRoles.Admin)) return true;
        if (!user.IsInRole(ApiRoles.Planner) || code.Length < AdminCodes.StreetLength) return false;
        var street = AdminCodes.StreetOf(code);
        return user.FindAll(ApiKeyClaims.Street).Any(c => c.Value == street);
    }

    /// <summary>Null when the user may edit every one of <paramref name="codes"/> (grid or community codes); otherwise a 403 naming the first that is outside its streets.</summary>
    public static IResult? Check(ClaimsPrincipal user, IEnumerable<string> codes)
    {
        var outside = codes.FirstOrDefault(c => !Allows(user, c));
        return outside is null ? null : ApiProblems.Forbidden(
            $"the key \"{user.Identity?.Name}\" may edit only the streets {string.Join(", ", user.FindAll(ApiKeyClaims.Street).Select(c => c.Value))}; " +
            $"{outside} is in street {(outside.Length >= AdminCodes.StreetLength ? AdminCodes.StreetOf(outside) : outside)}");
    }
}

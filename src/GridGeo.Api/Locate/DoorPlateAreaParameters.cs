using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Core.Lookup;

namespace GridGeo.Api.Locate;

/// <summary>
/// The optional <c>county</c> (6-digit code) and <c>street</c> (9-digit code) that hold a door-plate search to one part
/// of the district (<see cref="DoorPlateArea"/>): a query parameter of <c>GET /api/locate/address</c> and a body member of
/// <c>POST /api/events</c> with an <c>address</c>. Given both, the street must lie in the county.
/// </summary>
public static class DoorPlateAreaParameters
{
    /// <summary>The area, or a 400 problem naming the parameter and its rule.</summary>
    public static (DoorPlateArea Area, IResult? Error) Parse(string? county, string? street)
    {
        county = string.IsNullOrWhiteSpace(county) ? null : county.Trim();
        street = string.IsNullOrWhiteSpace(street) ? null : street.Trim();
        if (county is not null && !AdminCodes.IsCountyCode(county))
            return (default, ApiProblems.BadParameter("county", $"must be a 6-digit county code, not \"{county}\""));
        if (street is not null && !AdminCodes.IsStreetCode(street))
            return (default, ApiProblems.BadParameter("street", $"must be a 9-digit street code, not \"{street}\""));
        if (county is not null && street is not null && AdminCodes.CountyOf(street) != county)
            return (default, ApiProblems.BadParameter("street", $"street {street} is not in county {county} (a street code begins with its county's)"));
        return (new DoorPlateArea(county, street), null);
    }
}

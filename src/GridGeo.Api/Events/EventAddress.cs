using GridGeo.Core;
using GridGeo.Core.Lookup;

namespace GridGeo.Api.Events;

/// <summary>
/// Where an event reported by door plate goes: the household whose address is exactly that door plate, within the county
/// or street the reporter gave (<see cref="DoorPlateArea"/>). An event is routed to one grid, so a door plate that names
/// households in more than one grid — the same 幸福路3号1栋2单元201室 in two counties, say — is not guessed at: the
/// answer is a 422 problem listing the candidates (address, household, county, street, grid), with the rule to give
/// <c>county</c> or <c>street</c> (or a point). 422 like every other report that cannot be routed, so a client has one
/// status to handle for "say more"; 409 in this API means an event step out of turn.
/// </summary>
public static class EventAddress
{
    /// <summary>How many matches are looked at: enough to list every county a door plate of a city stands in.</summary>
    public const int Candidates = 20;

    /// <summary>The exact household match of <paramref name="address"/>, or the 422 problem saying why there is none or more than one.</summary>
    public static (DoorPlateMatch Match, IResult? Problem) Resolve(DoorPlateGrids plates, string address, DoorPlateArea area)
    {
        var index = plates.Index;
        var route = plates.Route(address, area, Candidates);
        var where = area.IsAnywhere ? "" : $" in {area}";
        if (route.Exact.Count == 0)
            return (default, Unroutable(route.Found.Count == 0
                ? $"no household{where} has an address like \"{address}\""
                : $"no household{where} has the address \"{address}\" (the closest is \"{Address(index, route.Found[0])}\"); give the exact door plate or a point"));
        if (route.OneGrid) return (route.Exact[0], null);

        var rule = route.Counties > 1 ? $"it names households in {route.Counties} counties: give county (6 digits) or street (9 digits), or a point"
            : route.Streets > 1 ? $"it names households in {route.Streets} streets: give street (9 digits), or a point"
            : "it names households in more than one grid: give a point";
        return (default, Results.Problem(title: "Ambiguous address", statusCode: StatusCodes.Status422UnprocessableEntity,
            detail: $"address: the door plate \"{address}\"{where} is ambiguous; {rule}",
            extensions: new Dictionary<string, object?>
            {
                ["parameter"] = "address",
                ["candidates"] = route.Exact.Select(m => Candidate(plates, m)).ToList(),
            }));
    }

    /// <summary>422: the event cannot be routed as given; <paramref name="why"/> says what to give instead.</summary>
    public static IResult Unroutable(string parameter, string why) =>
        Results.Problem(title: "Cannot route the event", detail: $"{parameter}: {why}", statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    private static IResult Unroutable(string why) => Unroutable("address", why);

    private static string Address(DoorPlateIndex index, DoorPlateMatch m) =>
        m.Household >= 0 ? index.HouseholdAddress(m.Household).ToString() : index.BuildingAddress(m.Building) ?? index.BuildingId(m.Building);

    private static object Candidate(DoorPlateGrids plates, DoorPlateMatch m)
    {
        return new
        {
            address = Address(plates.Index, m),
            household_id = plates.Index.HouseholdId(m.Household).ToString(),
            county = plates.Index.CountyOf(m) is { } county ? new { code = county } : null,
            street = plates.Index.StreetOf(m) is { } street ? new { code = street } : null,
            grid = plates.GridCodeOf(m) is { } grid ? new { code = grid } : null,
        };
    }
}

namespace GridGeo.Core.Model;

/// <summary>
/// One household (户) of a building: its stair unit, floor, room and door-plate address.
/// When a bundle has <c>households.csv</c> these rows are the truth for counts and addresses.
/// </summary>
public sealed record Household(
    string Id,
    string BuildingId,
    int Unit,
    int Floor,
    string Room,
    double Lon,
    double Lat,
    string Address);

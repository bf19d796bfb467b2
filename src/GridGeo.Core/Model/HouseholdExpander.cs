using System.Globalization;

namespace GridGeo.Core.Model;

/// <summary>
/// Derives the household rows of a building when a bundle has no <c>households.csv</c> (contract §1):
/// the building's <see cref="Building.Households"/> are spread evenly over its stair units (单元),
/// the first units taking the remainder, and within a stair unit evenly over its floors, the lower
/// floors taking the remainder. A derived household has the id <c>&lt;building&gt;-&lt;unit&gt;-&lt;floor&gt;-&lt;n&gt;</c>
/// (n counts from 1 on each floor), the room <c>&lt;floor&gt;&lt;n:00&gt;</c> (e.g. 1203) and the building's location.
/// </summary>
public static class HouseholdExpander
{
    /// <summary>The derived households of one building, ordered by stair unit, floor and room.</summary>
    public static IReadOnlyList<Household> Expand(Building building)
    {
        var result = new List<Household>(building.Households);
        var units = Math.Max(1, building.Units);
        var floors = Math.Max(1, building.Floors);
        var lon = building.Location.X;
        var lat = building.Location.Y;
        var street = building.Address ?? building.Id;
        for (var unit = 1; unit <= units; unit++)
        {
            var inUnit = Share(building.Households, units, unit);
            for (var floor = 1; floor <= floors; floor++)
            {
                var onFloor = Share(inUnit, floors, floor);
                for (var n = 1; n <= onFloor; n++)
                {
                    var room = string.Create(CultureInfo.InvariantCulture, $"{floor}{n:D2}");
                    var id = string.Create(CultureInfo.InvariantCulture, $"{building.Id}-{unit}-{floor}-{n}");
                    var address = string.Create(CultureInfo.InvariantCulture, $"{street} {unit}单元{room}室");
                    result.Add(new Household(id, building.Id, unit, floor, room, lon, lat, address));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The households of a bundle: its <c>households.csv</c> rows when it has them (they are the truth),
    /// otherwise the rows derived from every building with <see cref="Expand"/>.
    /// </summary>
    public static IReadOnlyList<Household> HouseholdsOf(DistrictBundle bundle)
    {
        if (bundle.Households is not null) return bundle.Households;
        var result = new List<Household>(checked((int)bundle.TotalHouseholds));
        foreach (var b in bundle.Buildings) result.AddRange(Expand(b));
        return result;
    }

    /// <summary>The <paramref name="index"/>-th (1-based) of <paramref name="parts"/> even shares of <paramref name="total"/>.</summary>
    private static int Share(int total, int parts, int index) => total / parts + (index <= total % parts ? 1 : 0);
}

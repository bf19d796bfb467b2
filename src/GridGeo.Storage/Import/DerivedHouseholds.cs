using GridGeo.Core.Model;

namespace GridGeo.Storage.Import;

/// <summary>
/// Households for a bundle without <c>households.csv</c>: each building's count spread as evenly as
/// possible over its stair units, and within a unit over its floors. A derived household's id is
/// <c>&lt;building&gt;-&lt;unit&gt;-&lt;floor&gt;-&lt;n&gt;</c>, its room <c>&lt;floor&gt;&lt;n:00&gt;</c>, its address the
/// building's address (or id) followed by <c>&lt;unit&gt;单元&lt;room&gt;室</c>, its location the building's.
/// </summary>
public static class DerivedHouseholds
{
    public static IEnumerable<Household> For(IEnumerable<Building> buildings)
    {
        foreach (var b in buildings)
        {
            var prefix = b.Address ?? b.Id;
            for (var unit = 1; unit <= b.Units; unit++)
            {
                var inUnit = Share(b.Households, b.Units, unit);
                for (var floor = 1; floor <= b.Floors; floor++)
                {
                    var onFloor = Share(inUnit, b.Floors, floor);
                    for (var n = 1; n <= onFloor; n++)
                    {
                        var room = $"{floor}{n:00}";
                        yield return new Household($"{b.Id}-{unit}-{floor}-{n}", b.Id, unit, floor, room,
                            b.Location.X, b.Location.Y, $"{prefix}{unit}单元{room}室");
                    }
                }
            }
        }
    }

    /// <summary>The <paramref name="index"/>-th (1-based) of <paramref name="parts"/> near-equal shares of <paramref name="total"/>; earlier parts take the remainder.</summary>
    public static int Share(int total, int parts, int index) => total / parts + (index <= total % parts ? 1 : 0);
}

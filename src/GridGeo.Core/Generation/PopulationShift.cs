using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Generation;

/// <summary>
/// A population shift over a district (the rebalancing benchmark's scenario): in the first community a new estate of
/// <see cref="EstateHouseholds"/> households (8 towers of 4 stair units beside an existing building), in the second
/// +40 % households in every third building, in the third every fourth building demolished. Household rows are dropped,
/// so counts come from the buildings in both the old and the shifted bundle (<see cref="WithoutHouseholdRows"/>).
/// </summary>
public static class PopulationShift
{
    public const int EstateHouseholds = 1_600;
    private const int Towers = 8;

    public sealed record Shift(DistrictBundle Bundle, string EstateCommunity, string GrownCommunity, string ThinnedCommunity, int Demolished, int Grown);

    public static DistrictBundle WithoutHouseholdRows(DistrictBundle bundle) => bundle with { Households = null };

    public static Shift Apply(DistrictBundle bundle, int seed = 1)
    {
        var random = new Random(seed);
        var communities = bundle.Communities.Where(c => bundle.Buildings.Count(b => b.CommunityCode == c.Code && b.DedicatedId is null) >= 8)
            .OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        if (communities.Count < 3) throw new ArgumentException("a population shift needs at least three communities with buildings");
        var (estate, grown, thinned) = (communities[0], communities[1], communities[2]);

        var buildings = new List<Building>();
        var grownCount = 0;
        var demolished = 0;
        var indexIn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var b in bundle.Buildings)
        {
            var i = b.CommunityCode is null ? 0 : indexIn[b.CommunityCode] = indexIn.GetValueOrDefault(b.CommunityCode) + 1;
            if (b.CommunityCode == grown.Code && b.DedicatedId is null && i % 3 == 0)
            {
                buildings.Add(b with { Households = (int)Math.Round(b.Households * 1.4) });
                grownCount++;
            }
            else if (b.CommunityCode == thinned.Code && b.DedicatedId is null && i % 4 == 0)
            {
                demolished++;
            }
            else
            {
                buildings.Add(b);
            }
        }
        buildings.AddRange(Estate(bundle, estate, random));
        return new Shift(WithoutHouseholdRows(bundle) with { Buildings = buildings }, estate.Code, grown.Code, thinned.Code, demolished, grownCount);
    }

    // Towers 30 m apart in a 2 × 4 block beside an existing building, all inside the community and outside dedicated areas.
    private static IEnumerable<Building> Estate(DistrictBundle bundle, Community community, Random random)
    {
        var dedicated = bundle.DedicatedList.Where(d => d.CommunityCode == community.Code).Select(d => d.Boundary).ToList();
        var anchors = bundle.Buildings.Where(b => b.CommunityCode == community.Code && b.DedicatedId is null).ToList();
        var projection = LocalMetricProjection.Around(community.Boundary);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var at = anchors[random.Next(anchors.Count)].Location;
            var anchor = projection.Forward(at.X, at.Y);
            var towers = new List<Point>();
            for (var t = 0; t < Towers; t++)
            {
                var p = projection.Inverse(anchor.X + 20 + 30 * (t % 4), anchor.Y + 20 + 30 * (t / 4));
                towers.Add(GeoFactory.Wgs84.CreatePoint(p));
            }
            if (!towers.All(p => community.Boundary.Covers(p) && dedicated.All(d => !d.Covers(p)))) continue;
            return towers.Select((p, t) => new Building($"estate-{community.Code}-{t + 1}", p, EstateHouseholds / Towers, Units: 4, Floors: 25,
                CommunityCode: community.Code, Address: $"新苑{t + 1}栋"));
        }
        throw new InvalidOperationException($"no room for a new estate in community {community.Code}");
    }
}

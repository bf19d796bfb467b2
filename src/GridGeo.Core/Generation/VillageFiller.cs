using System.Globalization;
using GridGeo.Core.Model;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Generation;

/// <summary>
/// Fills a rural village (村): a few natural-village clusters (自然村落, one villager group 组 each) of
/// scattered houses of one household (some two), separated by fields and joined by a village road.
/// Houses are addressed "…{村}{组}组{号}号".
/// </summary>
internal static class VillageFiller
{
    private const double VillageRoadKeepOff = 6;
    private const double Inset = UrbanCommunityFiller.Margin + 0.05;

    public static int Fill(DistrictAssembly asm, CommunityPlan plan, CommunityLattice lattice, Random random)
    {
        var locator = new IndexedPointInAreaLocator(plan.Boundary);
        var groups = Math.Clamp((int)Math.Round(plan.Target / 300.0), 3, 40);
        var centres = new List<(Coordinate At, double Weight)>();
        var perCell = (groups + plan.Cells.Count - 1) / plan.Cells.Count;
        foreach (var (c, r) in plan.Cells)
        {
            var patch = lattice.Patch(c, r);
            var columns = (int)Math.Ceiling(Math.Sqrt(perCell));
            var rows = (perCell + columns - 1) / columns;
            var slots = Enumerable.Range(0, columns * rows).ToList();
            for (var k = 0; k < perCell && centres.Count < groups; k++)
            {
                var pick = random.Next(slots.Count);
                var slot = slots[pick];
                slots.RemoveAt(pick);
                var u = Inset + (1 - 2 * Inset) * (slot % columns + 0.5 + (random.NextDouble() - 0.5) * 0.5) / columns;
                var v = Inset + (1 - 2 * Inset) * (slot / columns + 0.5 + (random.NextDouble() - 0.5) * 0.5) / rows;
                centres.Add((patch.At(u, v), 0.5 + random.NextDouble()));
            }
        }

        var road = NearestNeighbourChain(centres.Select(c => c.At).ToList());
        if (road.Length >= 2) asm.AddBarrier(BarrierKinds.MinorRoad, road, VillageRoadKeepOff, districtWide: false);

        var streetPrefix = asm.RegionPrefix + plan.StreetName;
        var totalWeight = centres.Sum(c => c.Weight);
        var remaining = plan.Target;
        var buildings = 0;
        for (var g = 0; g < centres.Count && remaining > 0; g++)
        {
            var (centre, weight) = centres[g];
            var share = g == centres.Count - 1 ? remaining : Math.Min(remaining, (int)Math.Round(plan.Target * weight / totalWeight));
            var spread = 3.5 * Math.Sqrt(Math.Max(share, 4));
            var failures = 0;
            var number = 0;
            while (share > 0 && failures < 400)
            {
                var at = new Coordinate(centre.X + Gaussian(random) * spread, centre.Y + Gaussian(random) * spread);
                if (locator.Locate(at) != Location.Interior || !asm.Clearance.IsClear(at))
                {
                    failures++;
                    if (failures % 50 == 0) spread *= 1.3;
                    continue;
                }
                var households = share >= 2 && random.NextDouble() < 0.15 ? 2 : 1;
                number++;
                var id = plan.Code + "-" + (++buildings).ToString("D4", CultureInfo.InvariantCulture);
                var address = string.Concat(plan.Name, (g + 1).ToString(CultureInfo.InvariantCulture), "组",
                    number.ToString(CultureInfo.InvariantCulture), "号");
                asm.AddHouse(id, at, households, plan.Code, streetPrefix, address);
                share -= households;
                remaining -= households;
            }
        }
        return plan.Target - remaining;
    }

    /// <summary>A village road: from the westernmost settlement on to the nearest one not yet joined.</summary>
    private static Coordinate[] NearestNeighbourChain(List<Coordinate> points)
    {
        var left = points.OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        var chain = new List<Coordinate>(left.Count);
        var current = left[0];
        left.RemoveAt(0);
        chain.Add(current.Copy());
        while (left.Count > 0)
        {
            var next = left.OrderBy(p => p.Distance(current)).ThenBy(p => p.X).First();
            left.Remove(next);
            chain.Add(next.Copy());
            current = next;
        }
        return chain.ToArray();
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

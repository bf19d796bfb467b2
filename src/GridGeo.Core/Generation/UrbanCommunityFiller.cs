using System.Globalization;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace GridGeo.Core.Generation;

/// <summary>
/// Fills an urban community (社区): its cells are cut into road blocks by minor roads; blocks take
/// dedicated areas (school with staff housing, market, park, hospital), compounds (小区) of towers —
/// some of ten 264-household towers — and clusters of older low-rise blocks without a compound,
/// until the community's household target is reached.
/// </summary>
internal static class UrbanCommunityFiller
{
    /// <summary>Share of a cell's side kept free along its wavy boundary.</summary>
    public const double Margin = 0.09;
    private const double BlockMetres = 170;
    private const double CorridorMetres = 32;
    private const double MinorRoadKeepOff = 6;

    /// <summary>The road blocks of one cell, as (u0, v0, u1, v1) in the cell's patch.</summary>
    public static List<(double U0, double V0, double U1, double V1)> Blocks(CellPatch patch)
    {
        var nu = Math.Max(2, (int)Math.Round(patch.Width * (1 - 2 * Margin) / BlockMetres));
        var nv = Math.Max(2, (int)Math.Round(patch.Height * (1 - 2 * Margin) / BlockMetres));
        var gu = CorridorMetres / patch.Width / 2;
        var gv = CorridorMetres / patch.Height / 2;
        var su = (1 - 2 * Margin) / nu;
        var sv = (1 - 2 * Margin) / nv;
        var blocks = new List<(double, double, double, double)>(nu * nv);
        for (var j = nv - 1; j >= 0; j--)
            for (var i = 0; i < nu; i++)
                blocks.Add((Margin + i * su + gu, Margin + j * sv + gv, Margin + (i + 1) * su - gu, Margin + (j + 1) * sv - gv));
        return blocks;
    }

    private static IEnumerable<(double U, bool AlongV)> Corridors(CellPatch patch)
    {
        var nu = Math.Max(2, (int)Math.Round(patch.Width * (1 - 2 * Margin) / BlockMetres));
        var nv = Math.Max(2, (int)Math.Round(patch.Height * (1 - 2 * Margin) / BlockMetres));
        for (var i = 1; i < nu; i++) yield return (Margin + i * (1 - 2 * Margin) / nu, true);
        for (var j = 1; j < nv; j++) yield return (Margin + j * (1 - 2 * Margin) / nv, false);
    }

    public static int Fill(DistrictAssembly asm, CommunityPlan plan, CommunityLattice lattice, IReadOnlyList<string> dedicatedKinds, bool bigCompound, Random random)
    {
        var prepared = PreparedGeometryFactory.Prepare(plan.Boundary);
        var roads = new List<string>();
        foreach (var (c, r) in plan.Cells)
        {
            var patch = lattice.Patch(c, r);
            foreach (var (t, alongV) in Corridors(patch))
            {
                var line = alongV ? new[] { patch.At(t, 0.02), patch.At(t, 0.98) } : [patch.At(0.02, t), patch.At(0.98, t)];
                asm.AddBarrier(BarrierKinds.MinorRoad, line, MinorRoadKeepOff, districtWide: false);
                roads.Add(ChineseNames.Road(asm.RoadCount++));
            }
        }

        var sites = new List<CellPatch>();
        foreach (var (c, r) in plan.Cells)
        {
            var patch = lattice.Patch(c, r);
            foreach (var (u0, v0, u1, v1) in Blocks(patch))
            {
                var block = patch.Sub(u0, v0, u1, v1);
                var polygon = block.ToPolygon(asm.Metric);
                if (!prepared.Contains(polygon)) continue;
                if (asm.Clearance.IsClear(polygon))
                {
                    sites.Add(block);
                    continue;
                }
                // A block a river or road runs through keeps its quarters that stay clear of it.
                foreach (var (a, b) in new[] { (0.0, 0.0), (0.5, 0.0), (0.0, 0.5), (0.5, 0.5) })
                {
                    var quarter = block.Sub(a + 0.03, b + 0.03, a + 0.47, b + 0.47);
                    if (asm.Clearance.IsClear(quarter.ToPolygon(asm.Metric))) sites.Add(quarter);
                }
            }
        }
        Shuffle(sites, random);
        // The exclave takes the second development: built on, but not the community's largest compound.
        if (plan.ExclaveBlock is { } exclave && asm.Clearance.IsClear(exclave.ToPolygon(asm.Metric))) sites.Insert(Math.Min(1, sites.Count), exclave);

        var filler = new Filler(asm, plan, roads, random) { BigCompoundWanted = bigCompound };
        foreach (var kind in dedicatedKinds)
        {
            if (sites.Count <= 1) break;
            var site = sites[^1];
            sites.RemoveAt(sites.Count - 1);
            filler.Dedicated(kind, site);
        }
        for (var i = 0; i < sites.Count && filler.Remaining > 0; i++) filler.Develop(sites[i], last: i == sites.Count - 1);
        return plan.Target - filler.Remaining;
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>Places buildings for one community, keeping count of the households still to place.</summary>
    private sealed class Filler(DistrictAssembly asm, CommunityPlan plan, List<string> roads, Random random)
    {
        private readonly Dictionary<string, int> _doors = [];
        private readonly string _streetPrefix = asm.RegionPrefix + plan.StreetName;
        private int _buildings;
        private int _compounds;
        private int _dedicated;

        public int Remaining { get; private set; } = plan.Target;

        /// <summary>The next development is a compound of ten 264-household towers when the target allows it.</summary>
        public bool BigCompoundWanted { get; set; }

        public void Dedicated(string kind, CellPatch site)
        {
            var id = plan.Code + "-D" + (++_dedicated).ToString("D2", CultureInfo.InvariantCulture);
            var name = kind switch
            {
                "school" => plan.Name[..^2] + (random.Next(2) == 0 ? "小学" : "中学"),
                "market" => plan.Name[..^2] + "农贸市场",
                "park" => plan.Name[..^2] + "公园",
                _ => plan.Name[..^2] + "医院",
            };
            asm.DedicatedAreas.Add(new DedicatedArea(id, kind, name, plan.Code, asm.ToWgs84(site.ToPolygon(asm.Metric))));
            var (road, door) = NextDoor();
            var housing = kind switch
            {
                "school" or "hospital" => 1 + random.Next(2),
                "market" => random.Next(2),
                _ => 0,
            };
            for (var i = 0; i < housing && Remaining >= 12; i++)
            {
                var at = site.At(0.25 + 0.5 * i, 0.2);
                LowRise(at, null, id, road, door, i + 1);
            }
        }

        public void Develop(CellPatch site, bool last)
        {
            var pick = random.NextDouble();
            if (BigCompoundWanted && Remaining >= 2_640 && !last)
            {
                BigCompoundWanted = false;
                TowerCompound(site, big: true, fillUp: false);
            }
            else if (last || (Remaining >= 2_640 && pick < 0.2)) TowerCompound(site, big: !last, fillUp: last);
            else if (Remaining >= 400 && pick < 0.55) TowerCompound(site, big: false, fillUp: false);
            else LowRiseCluster(site);
        }

        private void TowerCompound(CellPatch site, bool big, bool fillUp)
        {
            var compoundId = plan.Code + "-C" + (++_compounds).ToString("D2", CultureInfo.InvariantCulture);
            int columns, rows, wanted;
            if (big) { columns = 5; rows = 2; wanted = 10; }
            else if (fillUp) { columns = 4; rows = 4; wanted = 16; }
            else { wanted = 2 + random.Next(5); columns = (int)Math.Ceiling(Math.Sqrt(wanted)); rows = (wanted + columns - 1) / columns; }
            var (road, door) = NextDoor();
            var placed = 0;
            for (var k = 0; k < wanted && Remaining > 0; k++)
            {
                var at = site.At((k % columns + 0.5) / columns, 1 - (k / columns + 0.5) / rows);
                if (Remaining < 60 || (fillUp && k == wanted - 1))
                {
                    LowRise(at, compoundId, null, road, door, k + 1);
                }
                else
                {
                    int units, floors;
                    if (big) { units = 4; floors = 33; }
                    else
                    {
                        units = 2 + random.Next(3);
                        floors = Math.Max(11, (60 + 2 * units - 1) / (2 * units)) + random.Next(34 - Math.Max(11, (60 + 2 * units - 1) / (2 * units)));
                        if (fillUp) { units = 4; floors = 33; }
                    }
                    while (units * floors * 2 > Remaining && floors > 11) floors--;
                    while (units * floors * 2 > Remaining && units > 2) units--;
                    if (units * floors * 2 > Remaining || units * floors * 2 < 60)
                    {
                        LowRise(at, compoundId, null, road, door, k + 1);
                    }
                    else
                    {
                        var households = units * floors * 2;
                        asm.AddFlats(NextBuildingId(), at, households, units, floors, 2, plan.Code, compoundId, null, _streetPrefix,
                            Address(road, door, k + 1));
                        Remaining -= households;
                    }
                }
                placed++;
            }
            var outline = site.Sub(0.03, 0.03, 0.97, 0.97).ToPolygon(asm.Metric);
            asm.Compounds.Add(new Compound(compoundId, ChineseNames.Compound(asm.CompoundCount++), plan.Code, asm.ToWgs84(outline)));
        }

        private void LowRiseCluster(CellPatch site)
        {
            var wanted = 3 + random.Next(10);
            var columns = (int)Math.Ceiling(Math.Sqrt(wanted));
            var rows = (wanted + columns - 1) / columns;
            var (road, door) = NextDoor();
            for (var k = 0; k < wanted && Remaining > 0; k++)
                LowRise(site.At((k % columns + 0.5) / columns, 1 - (k / columns + 0.5) / rows), null, null, road, door, k + 1);
        }

        /// <summary>An older low-rise block: 4–6 floors, 1–3 stair units, 12–36 flats, fewer when the target is nearly met.</summary>
        private void LowRise(Coordinate at, string? compoundId, string? dedicatedId, string road, int door, int number)
        {
            var units = 1 + random.Next(3);
            var floors = 4 + random.Next(3);
            var flats = units == 1 ? 3 + random.Next(2) : 2;
            var households = Math.Min(Remaining, units * floors * flats);
            asm.AddFlats(NextBuildingId(), at, households, units, floors, flats, plan.Code, compoundId, dedicatedId, _streetPrefix,
                Address(road, door, number));
            Remaining -= households;
        }

        private (string Road, int Door) NextDoor()
        {
            var road = roads.Count == 0 ? plan.Name[..^2] + "路" : roads[random.Next(roads.Count)];
            var door = _doors.GetValueOrDefault(road) + 1 + random.Next(3);
            _doors[road] = door;
            return (road, door);
        }

        private static string Address(string road, int door, int number) =>
            string.Concat(road, door.ToString(CultureInfo.InvariantCulture), "号", number.ToString(CultureInfo.InvariantCulture), "栋");

        private string NextBuildingId() => plan.Code + "-" + (++_buildings).ToString("D4", CultureInfo.InvariantCulture);
    }
}

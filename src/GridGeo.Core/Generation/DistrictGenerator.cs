using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace GridGeo.Core.Generation;

/// <summary>
/// Makes a synthetic district bundle that exercises the partition engine on real difficulties:
/// streets (街道/镇) of communities that tile the district exactly on a jittered lattice with wavy
/// shared boundaries, some communities of two cells, one with an exclave (飞地); urban communities of
/// tower compounds, older low-rise blocks and dedicated areas; rural villages of scattered houses;
/// a river and major roads crossing the district, minor roads between blocks. Pure and deterministic:
/// the same options give the same bundle.
/// </summary>
public static class DistrictGenerator
{
    private const double BlockMetres = 170;
    private const double RiverKeepOff = 25;
    private const double MajorRoadKeepOff = 15;
    private const int CommunitiesPerStreet = 6;
    private const double BarrierOvershoot = 100;

    /// <summary>
    /// How far the district made from <paramref name="options"/> reaches, in metres east (x) and north (y) of its centre
    /// (<see cref="DistrictGeneratorOptions.CenterLon"/>, <see cref="DistrictGeneratorOptions.CenterLat"/>): every community
    /// boundary and every barrier lies inside, with <see cref="BarrierOvershoot"/> to spare. Cheap: only the community lattice is laid out, nothing is filled.
    /// </summary>
    public static Envelope Footprint(DistrictGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var layout = Layout(options, new Random(options.Seed));
        var footprint = layout.Lattice.Extent();
        foreach (var (column, row) in layout.Cells)
            foreach (var c in layout.Lattice.CellRing(column, row)) footprint.ExpandToInclude(c);
        // The river runs past the lattice by up to two of its 40 m steps at either end.
        footprint.ExpandBy(BarrierOvershoot);
        return footprint;
    }

    /// <summary><see cref="Footprint"/> in WGS84 degrees, as the generated files will place it.</summary>
    public static Envelope FootprintLonLat(DistrictGeneratorOptions options)
    {
        var metres = Footprint(options);
        var x = DistrictAssembly.DegreesPerMetreX(options.CenterLat);
        var y = DistrictAssembly.DegreesPerMetreY;
        return new Envelope(options.CenterLon + metres.MinX * x, options.CenterLon + metres.MaxX * x,
            options.CenterLat + metres.MinY * y, options.CenterLat + metres.MaxY * y);
    }

    public static DistrictBundle Generate(DistrictGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var asm = new DistrictAssembly(options);
        var (plans, lattice, present) = Layout(options, random);

        AddDistrictBarriers(asm, lattice, present, random);
        foreach (var plan in plans) plan.Boundary = CellsUnion(asm.Metric, lattice, plan.Cells);
        CarveExclave(asm, lattice, plans);

        var urbanIndex = 0;
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            asm.Clearance.ClearLocal();
            var local = new Random(unchecked(options.Seed * 1_000_003 + i * 7_919 + 17));
            if (plan.IsRural) VillageFiller.Fill(asm, plan, lattice, local);
            else UrbanCommunityFiller.Fill(asm, plan, lattice, DedicatedKindsFor(urbanIndex), urbanIndex++ % 2 == 0, local);
            asm.Communities.Add(new Community(plan.Code, plan.Name, plan.StreetCode, asm.ToWgs84(plan.Boundary),
                plan.StreetName, ChineseNames.County(options.CountyCode)));
        }
        asm.Clearance.ClearLocal();
        return new DistrictBundle(asm.Communities, asm.Buildings, asm.Households, asm.Compounds, asm.DedicatedAreas, asm.Barriers);
    }

    /// <summary>The communities to make and the lattice of cells they occupy: the random draws before any filling.</summary>
    private static (List<CommunityPlan> Plans, CommunityLattice Lattice, HashSet<(int Column, int Row)> Cells) Layout(
        DistrictGeneratorOptions options, Random random)
    {
        var count = Math.Max(1, (int)Math.Round((double)options.Households / options.HouseholdsPerCommunity));
        var rural = count >= 3 ? Math.Max(1, (int)Math.Round(0.3 * count)) : 0;
        var urban = count - rural;
        var doubled = PickDoubled(urban, count >= 8 ? count / 8 : 0, random);
        var cells = count + doubled.Count;
        var columns = (int)Math.Ceiling(Math.Sqrt(cells));
        var rows = (cells + columns - 1) / columns;
        var snake = Enumerable.Range(0, cells).Select(i => (Column: (i / columns) % 2 == 0 ? i % columns : columns - 1 - i % columns, Row: i / columns)).ToList();

        var plans = PlanCommunities(options, count, urban, doubled, snake, random);
        var mean = (double)options.Households / count;
        var side = BlockMetres * Math.Clamp(Math.Ceiling(Math.Sqrt(mean / 300)), 2, 8) / (1 - 2 * UrbanCommunityFiller.Margin);
        var ruralCells = plans.Where(p => p.IsRural).SelectMany(p => p.Cells).ToHashSet();
        var widths = Enumerable.Range(0, columns).Select(_ => side * (0.9 + 0.2 * random.NextDouble())).ToArray();
        var heights = Enumerable.Range(0, rows).Select(r =>
        {
            var share = (double)Enumerable.Range(0, columns).Count(c => ruralCells.Contains((c, r))) / columns;
            return side * (1 + 0.6 * share) * (0.9 + 0.2 * random.NextDouble());
        }).ToArray();
        return (plans, new CommunityLattice(widths, heights, random), snake.ToHashSet());
    }

    private static HashSet<int> PickDoubled(int urban, int wanted, Random random)
    {
        var result = new HashSet<int>();
        // Communities 0 and 1 stay single: they carry the exclave.
        var candidates = Enumerable.Range(2, Math.Max(0, urban - 2)).ToList();
        while (result.Count < wanted && candidates.Count > 0)
        {
            var k = random.Next(candidates.Count);
            result.Add(candidates[k]);
            candidates.RemoveAt(k);
        }
        return result;
    }

    private static List<CommunityPlan> PlanCommunities(DistrictGeneratorOptions options, int count, int urban,
        HashSet<int> doubled, List<(int Column, int Row)> snake, Random random)
    {
        var weights = Enumerable.Range(0, count).Select(_ => 0.5 + random.NextDouble()).ToList();
        var sorted = weights.OrderBy(w => w).ToList();
        // Villages take the smallest shares: rural communities are smaller than urban ones.
        var ruralWeights = sorted.Take(count - urban).ToList();
        var urbanWeights = sorted.Skip(count - urban).OrderBy(_ => random.Next()).ToList();
        var ordered = urbanWeights.Concat(ruralWeights).ToList();
        var total = ordered.Sum();
        var targets = ordered.Select(w => (int)Math.Floor(options.Households * w / total)).ToArray();
        for (var k = 0; targets.Sum() < options.Households; k = (k + 1) % count) targets[k]++;

        var urbanStreets = StreetSizes(urban);
        var ruralStreets = StreetSizes(count - urban);
        var plans = new List<CommunityPlan>(count);
        var cell = 0;
        var street = 0;
        var index = 0;
        foreach (var (sizes, isRural) in new[] { (urbanStreets, false), (ruralStreets, true) })
        {
            foreach (var size in sizes)
            {
                street++;
                var streetCode = AdminCodes.Child(options.CountyCode, street);
                var streetName = ChineseNames.Street(street - 1, isRural);
                for (var s = 1; s <= size; s++, index++)
                {
                    var take = doubled.Contains(index) ? 2 : 1;
                    plans.Add(new CommunityPlan
                    {
                        Code = AdminCodes.Child(streetCode, s),
                        Name = isRural ? ChineseNames.Village(index - urban) : ChineseNames.UrbanCommunity(index),
                        StreetCode = streetCode,
                        StreetName = streetName,
                        IsRural = isRural,
                        Cells = snake.GetRange(cell, take),
                        Target = targets[index],
                    });
                    cell += take;
                }
            }
        }
        return plans;
    }

    private static List<int> StreetSizes(int communities)
    {
        if (communities == 0) return [];
        var streets = Math.Min(999, Math.Max(1, (int)Math.Round((double)communities / CommunitiesPerStreet)));
        return Enumerable.Range(0, streets).Select(s => communities / streets + (s < communities % streets ? 1 : 0)).ToList();
    }

    private static void AddDistrictBarriers(DistrictAssembly asm, CommunityLattice lattice, HashSet<(int Column, int Row)> present, Random random)
    {
        var extent = lattice.Extent();
        var riverRow = (lattice.Rows - 1) / 2;
        var middle = lattice.RowMiddle(riverRow);
        var height = (lattice.Patch(0, riverRow).Height + lattice.Patch(lattice.Columns - 1, riverRow).Height) / 2;
        var phase = random.NextDouble() * 2 * Math.PI;
        var wavelength = extent.Width / Math.Max(1.5, lattice.Columns * 0.8);
        var river = new List<Coordinate>();
        for (var x = extent.MinX - 40; x <= extent.MaxX + 40; x += 40)
        {
            var y = middle + 0.18 * height * Math.Sin(2 * Math.PI * x / wavelength + phase) + (random.NextDouble() - 0.5) * 0.02 * height;
            river.Add(new Coordinate(Math.Round(x, 2), Math.Round(y, 2)));
        }
        asm.AddBarrier(BarrierKinds.River, river.ToArray(), RiverKeepOff, districtWide: true);

        for (var r = 1; r < lattice.Rows; r += 3)
            asm.AddBarrier(BarrierKinds.MajorRoad, lattice.HorizontalLine(r, 0, lattice.Columns), MajorRoadKeepOff, districtWide: true);
        for (var c = 1; c < lattice.Columns; c += 3)
        {
            var last = lattice.Rows;
            while (last > 1 && !present.Contains((c - 1, last - 1)) && !present.Contains((c, last - 1))) last--;
            asm.AddBarrier(BarrierKinds.MajorRoad, lattice.VerticalLine(c, 0, last), MajorRoadKeepOff, districtWide: true);
        }
    }

    private static Geometry CellsUnion(GeometryFactory factory, CommunityLattice lattice, List<(int Column, int Row)> cells)
    {
        var polygons = cells.Select(c => (Geometry)factory.CreatePolygon(lattice.CellRing(c.Column, c.Row))).ToList();
        if (polygons.Count == 1) return polygons[0];
        return OverlayNG.Overlay(polygons[0], polygons[1], SpatialFunction.Union);
    }

    /// <summary>
    /// Gives community 0 an exclave: a block-sized piece inside the cell of another single-cell urban
    /// community, which gets the same ring as a hole, so the tiling stays exact.
    /// </summary>
    private static void CarveExclave(DistrictAssembly asm, CommunityLattice lattice, List<CommunityPlan> plans)
    {
        var single = plans.Where(p => !p.IsRural && p.Cells.Count == 1).ToList();
        if (plans.Count < 4 || single.Count < 2) return;
        var owner = single[0];
        foreach (var host in single.Skip(1))
        {
            var patch = lattice.Patch(host.Cells[0].Column, host.Cells[0].Row);
            var blocks = UrbanCommunityFiller.Blocks(patch)
                .OrderBy(b => Math.Abs((b.U0 + b.U1) / 2 - 0.5) + Math.Abs((b.V0 + b.V1) / 2 - 0.5));
            foreach (var (u0, v0, u1, v1) in blocks)
            {
                var hole = patch.Sub(u0 - 0.012, v0 - 0.012, u1 + 0.012, v1 + 0.012).ToPolygon(asm.Metric);
                if (!asm.Clearance.IsClear(hole)) continue;
                var hostShell = (Polygon)host.Boundary;
                host.Boundary = asm.Metric.CreatePolygon((LinearRing)hostShell.ExteriorRing.Copy(), [(LinearRing)hole.ExteriorRing.Copy()]);
                owner.Boundary = asm.Metric.CreateMultiPolygon([(Polygon)owner.Boundary, (Polygon)hole.Copy()]);
                owner.ExclaveBlock = patch.Sub(u0, v0, u1, v1);
                return;
            }
        }
    }

    private static List<string> DedicatedKindsFor(int urbanIndex)
    {
        var kinds = new List<string>();
        if (urbanIndex % 2 == 0) kinds.Add("school");
        if (urbanIndex % 3 == 1 || urbanIndex == 0) kinds.Add("market");
        if (urbanIndex % 3 == 0) kinds.Add("park");
        if (urbanIndex % 7 == 3) kinds.Add("hospital");
        return kinds;
    }
}

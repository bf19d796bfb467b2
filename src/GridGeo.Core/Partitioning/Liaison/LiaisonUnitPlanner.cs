using System.Globalization;
using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// Plans the liaison units (联户单元) of a grid plan. A <em>liaison unit</em> is a group of about 30
/// neighbouring households (a setting, see <see cref="LiaisonOptions"/>) served by one liaison head:
/// every household of a grid is in exactly one unit, a unit never spans two grids, and unit sizes stay
/// within [min, max] wherever the grid's total allows it (<see cref="LiaisonSizing"/>). Inside a grid the
/// households are split by <see cref="LiaisonSplitter"/> (in a building: a stair unit and a run of
/// floors; in low-rise and rural areas: a compact cluster of neighbouring houses). Unit codes are the grid
/// code plus a 3-digit sequence ordered by building (north→south, west→east), stair unit, floor and room,
/// so that a re-run on unchanged input gives the same codes. Households come from the bundle's
/// <c>households.csv</c> or, without one, from <see cref="HouseholdExpander"/>.
/// </summary>
public static class LiaisonUnitPlanner
{
    private const int MaxUnitsPerGrid = 999;

    public static LiaisonPlan Plan(DistrictBundle bundle, IReadOnlyList<Grid> grids, LiaisonOptions? options = null)
    {
        options = (options ?? LiaisonOptions.Default).Validate();
        var households = HouseholdExpander.HouseholdsOf(bundle);
        var buildings = bundle.Buildings.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var assignment = GridHouseholdAssigner.Assign(households, bundle.Buildings, grids);

        for (var g = 0; g < grids.Count; g++)
        {
            var (units, _, _) = LiaisonSizing.Plan(assignment.ByGrid[g].Count, options);
            if (units > MaxUnitsPerGrid)
                throw new BadInputException("grids", $"grid {grids[g].Code}",
                    $"{assignment.ByGrid[g].Count} households need {units} liaison units of at most {options.Max}, more than the {MaxUnitsPerGrid} a 3-digit code can number");
        }

        var results = new GridUnits[grids.Count];
        Parallel.For(0, grids.Count, g => results[g] = PlanGrid(grids[g], assignment.ByGrid[g], households, buildings, options));

        var all = new List<LiaisonUnit>();
        var spreads = new List<double>();
        var multiSpreads = new List<double>();
        var warnings = new List<string>(assignment.Warnings);
        long placed = 0;
        foreach (var r in results)
        {
            all.AddRange(r.Units);
            spreads.AddRange(r.Spreads);
            multiSpreads.AddRange(r.MultiBuildingSpreads);
            warnings.AddRange(r.Warnings);
            placed += r.Units.Sum(u => (long)u.Households);
        }
        all.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        spreads.Sort();
        multiSpreads.Sort();
        var summary = new LiaisonSummary(
            grids.Count,
            all.Count,
            placed,
            assignment.LocatedByPosition,
            assignment.Outside,
            all.Count(u => options.InBounds(u.Households)),
            spreads.Count == 0 ? 0 : Median(spreads),
            spreads.Count == 0 ? 0 : spreads[^1],
            multiSpreads.Count,
            multiSpreads.Count == 0 ? 0 : Median(multiSpreads));
        return new LiaisonPlan(all, warnings, summary);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private sealed record GridUnits(List<LiaisonUnit> Units, List<double> Spreads, List<double> MultiBuildingSpreads, List<string> Warnings);

    private static GridUnits PlanGrid(Grid grid, List<int> members, IReadOnlyList<Household> households, Dictionary<string, Building> buildings, LiaisonOptions options)
    {
        var result = new GridUnits([], [], [], []);
        if (members.Count == 0) return result;

        var (count, min, max) = LiaisonSizing.Plan(members.Count, options);
        if (members.Count < options.Min)
            result.Warnings.Add($"grid {grid.Code} has {members.Count} households, fewer than the minimum {options.Min}: it is one liaison unit");
        else if (min != options.Min || max != options.Max)
            result.Warnings.Add($"grid {grid.Code} has {members.Count} households, which no split into units of {options.Min}–{options.Max} fits: {count} unit(s) of {min}–{max}");

        var centre = grid.Boundary.EnvelopeInternal.Centre;
        var metres = new LocalMetres(centre.X, centre.Y);
        var array = Members(members, households, buildings, metres);
        var runs = new List<(int Start, int Count)>(count);
        var pieces = PieceGroups(grid.Boundary, array, households, options.Min, options.Max);
        // The bounds each run was cut to (a piece group's own when the grid has several), by the run's start.
        var boundsOfRun = new Dictionary<int, (int Min, int Max)>();
        if (pieces.Ranges.Count == 1) LiaisonSplitter.Split(array, 0, array.Length, count, min, max, options.Target, runs);
        else
        {
            foreach (var (start, length) in pieces.Ranges)
            {
                var (k, lo, hi) = LiaisonSizing.Plan(length, options);
                var first = runs.Count;
                LiaisonSplitter.Split(array, start, length, k, lo, hi, options.Target, runs);
                for (var r = first; r < runs.Count; r++) boundsOfRun[runs[r].Start] = (lo, hi);
            }
        }

        // Each run's members in code order; the runs in the order of their first member.
        foreach (var (start, length) in runs) Array.Sort(array, start, length, MemberKeyComparer.Instance);
        runs.Sort((a, b) => array[a.Start].CompareKey(array[b.Start]));

        var buildingCount = array.Max(m => m.Building) + 1;
        var location = new (double X, double Y)[buildingCount];
        var unitsOfBuilding = new List<(int Unit, int Households)>[buildingCount];
        for (var b = 0; b < buildingCount; b++) unitsOfBuilding[b] = [];
        for (var r = 0; r < runs.Count; r++)
        {
            var (start, length) = runs[r];
            for (var i = start; i < start + length; i++)
            {
                var m = array[i];
                location[m.Building] = (m.X, m.Y);
                var list = unitsOfBuilding[m.Building];
                if (list.Count > 0 && list[^1].Unit == r) list[^1] = (r, list[^1].Households + 1);
                else list.Add((r, 1));
            }
        }
        var (outlines, moves) = LiaisonFaceOutliner.Outline(grid.Boundary, metres, location, pieces.GroupOfBuilding(buildingCount),
            pieces.GroupOfPiece, unitsOfBuilding, runs.Select(run => boundsOfRun.GetValueOrDefault(run.Start, (min, max))).ToArray());
        // A building located in a part of its unit that went to a neighbour moved with it (within the bounds).
        var unitMembers = runs.Select(run => Enumerable.Range(run.Start, run.Count).ToList()).ToArray();
        foreach (var (building, from, to) in moves)
        {
            unitMembers[to].AddRange(unitMembers[from].Where(i => array[i].Building == building));
            unitMembers[from].RemoveAll(i => array[i].Building == building);
        }
        foreach (var r in moves.SelectMany(m => new[] { m.From, m.To }).Distinct()) unitMembers[r].Sort((x, y) => array[x].CompareKey(array[y]));
        for (var r = 0; r < runs.Count; r++)
        {
            var unit = unitMembers[r];
            var ids = unit.Select(i => households[array[i].Household].Id).ToArray();
            result.Units.Add(new LiaisonUnit(AdminCodes.Child(grid.Code, r + 1), grid.Code, ids.Length, ids, outlines[r]));
            var spread = Spread(array, unit);
            result.Spreads.Add(spread);
            if (unit.Any(i => array[i].Building != array[unit[0]].Building)) result.MultiBuildingSpreads.Add(spread);
        }
        return result;
    }

    /// <summary>The spread of a unit: the largest distance (m) between two of its members' distinct locations (indices into <paramref name="array"/>).</summary>
    private static double Spread(LiaisonMember[] array, IEnumerable<int> members)
    {
        var points = new HashSet<(double X, double Y)>();
        foreach (var i in members) points.Add((array[i].X, array[i].Y));
        if (points.Count < 2) return 0;
        var coords = points.Select(p => new NetTopologySuite.Geometries.Coordinate(p.X, p.Y)).ToArray();
        var hull = new NetTopologySuite.Algorithm.ConvexHull(coords, Geo.GeoFactory.Wgs84).GetConvexHull().Coordinates;
        var best = 0.0;
        for (var i = 0; i < hull.Length; i++)
        for (var j = i + 1; j < hull.Length; j++)
            best = Math.Max(best, hull[i].Distance(hull[j]));
        return best;
    }

    /// <summary>The member ranges of a grid's piece groups, the group of each piece (-1: no households) and of each member.</summary>
    private sealed record PieceGrouping(List<(int Start, int Count)> Ranges, int[] GroupOfPiece, int[] GroupOfMember, LiaisonMember[] Members)
    {
        public int[] GroupOfBuilding(int buildings)
        {
            var result = new int[buildings];
            for (var i = 0; i < Members.Length; i++) result[Members[i].Building] = GroupOfMember[Members[i].Position];
            return result;
        }
    }

    /// <summary>
    /// A grid made of separate pieces (an exclave of its community, contract §2) gets its units piece by piece, so that no
    /// unit joins houses that are not neighbours: the members are reordered into one range per group of pieces, where a
    /// group whose households cannot be cut into units of <paramref name="min"/>..<paramref name="max"/> (fewer than the
    /// minimum, or 13 for units of 8–12) joins the nearest other group, smallest first, as long as the grid's own total can
    /// be. One range over everything for a one-piece grid.
    /// </summary>
    private static PieceGrouping PieceGroups(NetTopologySuite.Geometries.Geometry boundary, LiaisonMember[] array,
        IReadOnlyList<Household> households, int min, int max)
    {
        var whole = new PieceGrouping([(0, array.Length)], Enumerable.Repeat(0, boundary.NumGeometries).ToArray(), new int[array.Length], array);
        if (boundary.NumGeometries < 2) return whole;
        var parts = Enumerable.Range(0, boundary.NumGeometries).Select(boundary.GetGeometryN).ToList();
        var partOfBuilding = new Dictionary<int, int>();
        var partOf = new int[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            if (!partOfBuilding.TryGetValue(array[i].Building, out var part))
            {
                var h = households[array[i].Household];
                var point = Geo.GeoFactory.Wgs84.CreatePoint(new NetTopologySuite.Geometries.Coordinate(h.Lon, h.Lat));
                part = parts.FindIndex(p => p.Covers(point));
                if (part < 0) part = Enumerable.Range(0, parts.Count).MinBy(p => parts[p].Distance(point));
                partOfBuilding[array[i].Building] = part;
            }
            partOf[i] = part;
        }
        // Each group: its pieces and households; a group that cannot be cut into units in bounds joins the group nearest to it
        // (when the grid's total cannot either, only a group under the minimum does).
        var groups = Enumerable.Range(0, parts.Count).Select(p => (Parts: new List<int> { p }, Count: partOf.Count(x => x == p)))
            .Where(g => g.Count > 0).ToList();
        var feasible = LiaisonSizing.IsFeasible(array.Length, min, max);
        bool Joins(int count) => count < min || (feasible && !LiaisonSizing.IsFeasible(count, min, max));
        while (groups.Count > 1 && groups.Any(g => Joins(g.Count)))
        {
            var small = groups.Select((g, i) => (g, i)).Where(x => Joins(x.g.Count)).MinBy(x => (x.g.Count, x.g.Parts[0])).i;
            var nearest = Enumerable.Range(0, groups.Count).Where(i => i != small)
                .MinBy(i => groups[i].Parts.Min(p => groups[small].Parts.Min(q => parts[p].Distance(parts[q]))));
            groups[nearest] = (groups[nearest].Parts.Concat(groups[small].Parts).ToList(), groups[nearest].Count + groups[small].Count);
            groups.RemoveAt(small);
        }
        if (groups.Count == 1) return whole;
        var groupOfPart = Enumerable.Repeat(-1, parts.Count).ToArray();
        for (var g = 0; g < groups.Count; g++)
        foreach (var p in groups[g].Parts)
            groupOfPart[p] = g;
        // Position is the member's index before reordering: it keys the group of each member.
        var groupOfMember = new int[array.Length];
        for (var i = 0; i < array.Length; i++) groupOfMember[array[i].Position] = groupOfPart[partOf[i]];
        var keys = Enumerable.Range(0, array.Length).Select(i => (long)groupOfPart[partOf[i]] * array.Length + i).ToArray();
        Array.Sort(keys, array);
        var result = new List<(int Start, int Count)>();
        var start = 0;
        foreach (var g in groups)
        {
            result.Add((start, g.Count));
            start += g.Count;
        }
        return new PieceGrouping(result, groupOfPart, groupOfMember, array);
    }

    /// <summary>
    /// The splitter's view of a grid's households: buildings ranked north→south, west→east (then by id),
    /// households ranked inside their building by stair unit, floor, room (numbers by value, before other
    /// room names) and id.
    /// </summary>
    private static LiaisonMember[] Members(List<int> members, IReadOnlyList<Household> households, Dictionary<string, Building> buildings, LocalMetres metres)
    {
        var location = new Dictionary<string, (double Lon, double Lat)>(StringComparer.Ordinal);
        foreach (var h in members)
        {
            var hh = households[h];
            if (!location.ContainsKey(hh.BuildingId))
                location[hh.BuildingId] = buildings.TryGetValue(hh.BuildingId, out var b) ? (b.Location.X, b.Location.Y) : (hh.Lon, hh.Lat);
        }
        var ids = location.Keys.ToArray();
        Array.Sort(ids, (x, y) =>
        {
            var (p, q) = (location[x], location[y]);
            var c = q.Lat.CompareTo(p.Lat);
            if (c == 0) c = p.Lon.CompareTo(q.Lon);
            return c != 0 ? c : string.CompareOrdinal(x, y);
        });
        var rank = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++) rank[ids[i]] = i;

        var keys = new OrderKey[members.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var hh = households[members[i]];
            keys[i] = new OrderKey(rank[hh.BuildingId], hh.Unit, hh.Floor,
                long.TryParse(hh.Room, NumberStyles.Integer, CultureInfo.InvariantCulture, out var room) ? room : long.MaxValue, hh.Room, hh.Id, members[i]);
        }
        Array.Sort(keys);

        var result = new LiaisonMember[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var k = keys[i];
            var (lon, lat) = location[ids[k.Building]];
            result[i] = new LiaisonMember
            {
                Household = k.Household,
                X = metres.X(lon),
                Y = metres.Y(lat),
                Building = k.Building,
                Position = i,
                Unit = k.Unit,
                Floor = k.Floor,
            };
        }
        return result;
    }

    private readonly record struct OrderKey(int Building, int Unit, int Floor, long RoomNumber, string Room, string Id, int Household) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey o)
        {
            var c = Building.CompareTo(o.Building);
            if (c == 0) c = Unit.CompareTo(o.Unit);
            if (c == 0) c = Floor.CompareTo(o.Floor);
            if (c == 0) c = RoomNumber.CompareTo(o.RoomNumber);
            if (c == 0) c = string.CompareOrdinal(Room, o.Room);
            return c != 0 ? c : string.CompareOrdinal(Id, o.Id);
        }
    }

    private sealed class MemberKeyComparer : IComparer<LiaisonMember>
    {
        public static readonly MemberKeyComparer Instance = new();
        public int Compare(LiaisonMember a, LiaisonMember b) => a.CompareKey(b);
    }
}

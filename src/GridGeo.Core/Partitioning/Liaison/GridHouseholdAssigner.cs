using System.Globalization;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// Which grid each household of a bundle belongs to under a grid plan. A grid's <see cref="Grid.Buildings"/>
/// list decides first: <c>"&lt;id&gt;"</c> takes the whole building, <c>"&lt;id&gt;#&lt;unit&gt;"</c> only that stair unit.
/// A household no grid lists goes by its building's location to the first grid (in plan order) whose
/// polygon covers it; one outside every grid gets no liaison unit.
/// </summary>
internal static class GridHouseholdAssigner
{
    private const int NamesShown = 5;

    /// <summary>The households (indices into <paramref name="households"/>) of each grid, and what could not be placed.</summary>
    public static Assignment Assign(IReadOnlyList<Household> households, IReadOnlyList<Building> buildings, IReadOnlyList<Grid> grids)
    {
        var byBuilding = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < households.Count; i++)
        {
            var id = households[i].BuildingId;
            if (!byBuilding.TryGetValue(id, out var list)) byBuilding[id] = list = [];
            list.Add(i);
        }
        var known = buildings.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var gridOf = new int[households.Count];
        Array.Fill(gridOf, -1);
        var unknown = new List<string>();
        var twice = new List<string>();

        for (var g = 0; g < grids.Count; g++)
        {
            foreach (var member in grids[g].Buildings)
            {
                var (id, unit) = ParseMember(member, known);
                if (!known.Contains(id))
                {
                    unknown.Add($"{member} (grid {grids[g].Code})");
                    continue;
                }
                if (!byBuilding.TryGetValue(id, out var list)) continue;
                var clash = false;
                foreach (var h in list)
                {
                    if (unit is not null && households[h].Unit != unit) continue;
                    if (gridOf[h] == -1) gridOf[h] = g;
                    else if (gridOf[h] != g) clash = true;
                }
                if (clash) twice.Add($"{member} (grid {grids[g].Code})");
            }
        }

        long located = 0, outside = 0;
        var outsideBuildings = new List<string>();
        GridLocator? index = null;
        var buildingById = buildings.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var (id, list) in byBuilding)
        {
            var open = list.Where(h => gridOf[h] == -1).ToList();
            if (open.Count == 0) continue;
            var g = buildingById.TryGetValue(id, out var b) ? (index ??= new GridLocator(grids)).Find(b.Location) : -1;
            if (g < 0)
            {
                outside += open.Count;
                outsideBuildings.Add(id);
                continue;
            }
            foreach (var h in open) gridOf[h] = g;
            located += open.Count;
        }

        var byGrid = new List<int>[grids.Count];
        for (var g = 0; g < grids.Count; g++) byGrid[g] = [];
        for (var h = 0; h < gridOf.Length; h++)
        {
            if (gridOf[h] >= 0) byGrid[gridOf[h]].Add(h);
        }

        var warnings = new List<string>();
        if (unknown.Count > 0)
            warnings.Add($"{unknown.Count} plan member(s) name buildings the bundle does not have and were skipped: {Names(unknown)}");
        if (twice.Count > 0)
            warnings.Add($"{twice.Count} plan member(s) list households an earlier grid already holds; the earlier grid keeps them: {Names(twice)}");
        if (outside > 0)
            warnings.Add($"{outside} household(s) in {outsideBuildings.Count} building(s) lie in no grid of the plan and have no liaison unit: {Names(outsideBuildings)}");
        return new Assignment(byGrid, located, outside, warnings);
    }

    /// <summary>
    /// Splits <c>"&lt;id&gt;#&lt;unit&gt;"</c>; an id that itself contains '#' and names a known building is taken whole.
    /// </summary>
    private static (string Id, int? Unit) ParseMember(string member, HashSet<string> known)
    {
        var hash = member.LastIndexOf('#');
        if (hash <= 0 || known.Contains(member)) return (member, null);
        return int.TryParse(member.AsSpan(hash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var unit)
            ? (member[..hash], unit)
            : (member, null);
    }

    private static string Names(List<string> names) =>
        string.Join(", ", names.Take(NamesShown)) + (names.Count > NamesShown ? $" and {names.Count - NamesShown} more" : "");

    internal sealed record Assignment(List<int>[] ByGrid, long LocatedByPosition, long Outside, List<string> Warnings);

    /// <summary>Finds the first grid, in plan order, whose polygon covers a point.</summary>
    private sealed class GridLocator
    {
        private readonly STRtree<(int Index, IPreparedGeometry Shape)> _tree = new();
        private readonly bool _empty;

        public GridLocator(IReadOnlyList<Grid> grids)
        {
            for (var i = 0; i < grids.Count; i++)
                _tree.Insert(grids[i].Boundary.EnvelopeInternal, (i, PreparedGeometryFactory.Prepare(grids[i].Boundary)));
            _empty = grids.Count == 0;
            if (!_empty) _tree.Build();
        }

        public int Find(NetTopologySuite.Geometries.Point p)
        {
            if (_empty) return -1;
            var best = -1;
            foreach (var (i, shape) in _tree.Query(p.EnvelopeInternal))
            {
                if ((best < 0 || i < best) && shape.Covers(p)) best = i;
            }
            return best;
        }
    }
}

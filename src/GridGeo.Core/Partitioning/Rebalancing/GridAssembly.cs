using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Turns a repaired assignment back into grids. An old grid that no atom left or entered keeps its exact old geometry and
/// code (its members follow the buildings now inside it); a changed or new grid is the union of the cells of its atoms that
/// lie in the changed area (the old areas of changed and retired grids), cells whose atom's grid kept its old shape going to
/// the changed grid nearest them. New grids get the community's next unused sequence numbers (past its dedicated grids'
/// too), west to east.
/// </summary>
internal static class GridAssembly
{
    /// <param name="IndexOf">The repair state's index of each basic grid, by code.</param>
    public sealed record Assembled(List<Grid> Grids, List<GridChange> Changes, Dictionary<string, int> IndexOf);

    public static Assembled Assemble(
        Community c, LocalMetricProjection projection, IReadOnlyList<Grid> oldBasic, IReadOnlyList<Geometry> oldM, RepairState state,
        IReadOnlyList<Atom> atoms, IReadOnlyList<Piece> pieces, int[] regionOfBlock, IReadOnlySet<string> locked, List<PartitionWarning> warnings,
        IEnumerable<string> otherCodes)
    {
        var n = state.GridCount;
        var touched = new bool[n];
        for (var a = 0; a < atoms.Count; a++)
        {
            var now = state.FinalGrid(a);
            if (now == state.Home[a]) continue;
            touched[now] = true;
            if (state.Home[a] >= 0) touched[state.Home[a]] = true;
        }
        var members = new List<int>[n];
        for (var g = 0; g < n; g++) members[g] = [];
        for (var a = 0; a < atoms.Count; a++) members[state.FinalGrid(a)].Add(a);
        // An old grid left with no atom is retired: its area goes to the grids around it.
        for (var g = 0; g < oldBasic.Count; g++)
        {
            if (members[g].Count == 0 && !state.Locked[g]) touched[g] = true;
        }
        bool Keeps(int g) => g >= 0 && g < oldBasic.Count && (!touched[g] || state.Locked[g]);

        var cells = new List<Polygon>[n];
        for (var g = 0; g < n; g++) cells[g] = [];
        var loose = new List<Polygon>();
        foreach (var p in pieces)
        {
            var region = regionOfBlock[p.Block];
            if (Keeps(region)) continue;
            var g = p.Atom >= 0 ? state.FinalGrid(p.Atom) : -1;
            if (g >= 0 && !Keeps(g)) cells[g].Add(p.Shape);
            else loose.Add(p.Shape);
        }
        var live = Enumerable.Range(0, n).Where(g => !Keeps(g) && members[g].Count > 0).ToList();
        // A loose piece joins the changed grid it shares most boundary with (passes repeat, since a piece may border only
        // other loose pieces at first), so that it never lands apart from its grid; one touching none goes to the nearest.
        // Shared edges are identical on both sides (PieceNoder), so they are found by hashing segments.
        var gridOfSegment = new Dictionary<(double, double, double, double), int>();
        void AddSegments(Polygon cell, int g)
        {
            foreach (var (a, b) in Segments(cell)) gridOfSegment.TryAdd(PieceNoder.Key(a, b), g);
        }
        foreach (var g in live)
        foreach (var cell in cells[g])
            AddSegments(cell, g);
        var pending = loose;
        while (pending.Count > 0 && live.Count > 0)
        {
            var left = new List<Polygon>();
            var added = 0;
            foreach (var piece in pending)
            {
                var shared = new Dictionary<int, double>();
                foreach (var (a, b) in Segments(piece))
                {
                    if (gridOfSegment.TryGetValue(PieceNoder.Key(a, b), out var g)) shared[g] = shared.GetValueOrDefault(g) + a.Distance(b);
                }
                if (shared.Count == 0) { left.Add(piece); continue; }
                var best = shared.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
                cells[best].Add(piece);
                AddSegments(piece, best);
                added++;
            }
            if (added == 0)
            {
                foreach (var piece in left)
                {
                    var centre = piece.InteriorPoint.Coordinate;
                    var nearest = live.SelectMany(g => members[g].Select(a => (g, d: atoms[a].Location.Distance(centre))))
                        .OrderBy(x => x.d).ThenBy(x => x.g).First().g;
                    cells[nearest].Add(piece);
                }
                break;
            }
            pending = left;
        }

        var grids = new List<Grid>();
        var changes = new List<GridChange>();
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < oldBasic.Count; g++) indexOf[oldBasic[g].Code] = g;
        var newShapes = new List<(int Grid, Geometry Shape)>();
        for (var g = 0; g < n; g++)
        {
            var names = MemberNames(members[g], atoms, state);
            var households = members[g].Sum(a => atoms[a].Households);
            if (g < oldBasic.Count)
            {
                var old = oldBasic[g];
                if (Keeps(g))
                {
                    var same = names.ToHashSet(StringComparer.Ordinal).SetEquals(old.Buildings) && households == old.Households;
                    grids.Add(same ? old : old with { Buildings = names, Households = households });
                    changes.Add(new GridChange(old.Code, c.Code, same ? GridChangeKind.Unchanged : GridChangeKind.Recounted, old.Households, households, state.Locked[g]));
                }
                else if (members[g].Count == 0)
                {
                    changes.Add(new GridChange(old.Code, c.Code, GridChangeKind.Retired, old.Households, 0, false));
                }
                else
                {
                    var shape = Shape(cells[g], old.Code, c.Code, warnings, old.Boundary.NumGeometries);
                    grids.Add(old with { Buildings = names, Households = households, Boundary = projection.ToWgs84(shape) });
                    changes.Add(new GridChange(old.Code, c.Code, GridChangeKind.Changed, old.Households, households, false));
                }
            }
            else if (members[g].Count > 0)
            {
                newShapes.Add((g, Shape(cells[g], "(new)", c.Code, warnings, 1)));
            }
        }
        // Past every code the community's grids have, dedicated ones included, so that a new code is never one in use.
        var next = oldBasic.Concat(grids).Select(x => x.Code).Concat(otherCodes)
            .Select(x => int.Parse(x[AdminCodes.CommunityLength..], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
        foreach (var (g, shape) in newShapes.OrderBy(s => GridCodeAssigner.RepresentativePoint(s.Shape).X))
        {
            var code = AdminCodes.Child(c.Code, next++);
            indexOf[code] = g;
            var households = members[g].Sum(a => atoms[a].Households);
            grids.Add(new Grid(code, c.Code, GridKinds.Basic, null, households, MemberNames(members[g], atoms, state), projection.ToWgs84(shape)));
            changes.Add(new GridChange(code, c.Code, GridChangeKind.Created, 0, households, false));
        }
        return new Assembled(grids, changes, indexOf);
    }

    internal static IEnumerable<(Coordinate A, Coordinate B)> Segments(Polygon p)
    {
        for (var r = -1; r < p.NumInteriorRings; r++)
        {
            var cs = (r < 0 ? p.ExteriorRing : p.GetInteriorRingN(r)).CoordinateSequence;
            for (var i = 0; i + 1 < cs.Count; i++) yield return (cs.GetCoordinate(i), cs.GetCoordinate(i + 1));
        }
    }

    // A grid that was already in several parts (whole exclave pieces) is not warned about for keeping them.
    private static Geometry Shape(List<Polygon> cells, string code, string community, List<PartitionWarning> warnings, int partsBefore)
    {
        var shape = GridOverlay.UnionCells(cells, LocalMetricProjection.MetricFactory);
        if (shape.NumGeometries > partsBefore)
            warnings.Add(new PartitionWarning(community, $"grid {code} came out in {shape.NumGeometries} parts after rebalancing"));
        return shape;
    }

    private static List<string> MemberNames(List<int> members, IReadOnlyList<Atom> atoms, RepairState state)
    {
        var names = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in members.OrderBy(a => a))
        {
            var atom = atoms[a];
            var whole = atom.Unit == 0 || atoms.Where(o => o.BuildingId == atom.BuildingId).All(o => state.FinalGrid(o.Index) == state.FinalGrid(a));
            var name = whole ? atom.BuildingId : atom.MemberName;
            if (listed.Add(name)) names.Add(name);
        }
        return names;
    }
}

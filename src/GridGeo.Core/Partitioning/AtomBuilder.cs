using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// Turns the basic (non-dedicated) buildings of a community into <see cref="Atom"/>s. A building is
/// one atom unless it has several stair units and enough households that the bounds may need to cut
/// it (more than half the width of the bounds, or more than Max): then each stair unit is an atom,
/// placed a metre apart along the building so each gets its own Voronoi cell. Unit households come
/// from households.csv when the bundle has it, otherwise the building's households are shared out evenly.
/// Atoms never share a location: coincident points are nudged apart deterministically.
/// </summary>
public static class AtomBuilder
{
    private const double UnitSpacing = 1.0;

    public static List<Atom> Build(
        IEnumerable<Building> buildings,
        LocalMetricProjection projection,
        HouseholdBounds bounds,
        IReadOnlyDictionary<string, SortedDictionary<int, int>>? unitHouseholds)
    {
        var atoms = new List<Atom>();
        var taken = new HashSet<(long, long)>();
        foreach (var b in buildings)
        {
            var at = Jitter(projection.Forward(b.Location.X, b.Location.Y), b.Id);
            var units = UnitCounts(b, unitHouseholds);
            if (CutsIntoUnits(units.Count, b.Households, bounds))
            {
                for (var i = 0; i < units.Count; i++)
                {
                    var offset = (i - (units.Count - 1) / 2.0) * UnitSpacing;
                    var p = Free(new Coordinate(LocalMetricProjection.MetricPrecision.MakePrecise(at.X + offset), at.Y), taken);
                    atoms.Add(new Atom(atoms.Count, b.Id, units[i].Unit, units[i].Households, p, b.CompoundId));
                }
            }
            else
            {
                atoms.Add(new Atom(atoms.Count, b.Id, 0, b.Households, Free(at, taken), b.CompoundId));
            }
        }
        return atoms;
    }

    /// <summary>
    /// True when a building of <paramref name="units"/> stair units and <paramref name="households"/> households becomes one
    /// atom per unit: the bounds may need to cut it (more than half their width, or more than Max).
    /// </summary>
    public static bool CutsIntoUnits(int units, int households, HouseholdBounds bounds) =>
        units > 1 && (households > Math.Max(1, (bounds.Max - bounds.Min) / 2) || households > bounds.Max);

    /// <summary>The households of each stair unit of a building: as households.csv lists them, else the even share (<see cref="Building.UnitHouseholds"/>).</summary>
    internal static List<(int Unit, int Households)> UnitCounts(Building b, IReadOnlyDictionary<string, SortedDictionary<int, int>>? unitHouseholds)
    {
        if (unitHouseholds is not null && unitHouseholds.TryGetValue(b.Id, out var byUnit) && byUnit.Count > 0)
            return byUnit.Select(kv => (kv.Key, kv.Value)).ToList();
        var n = Math.Max(1, b.Units);
        var list = new List<(int, int)>(n);
        for (var u = 1; u <= n; u++) list.Add((u, b.UnitHouseholds(u)));
        return list;
    }

    // Lattices of buildings are co-circular everywhere, a degenerate case for Delaunay/Voronoi; a stable
    // shift of at most 2 cm per building (from its id) removes it without moving anything that matters.
    private static Coordinate Jitter(Coordinate c, string id)
    {
        var h = (uint)CommunityPlanner.StableHash(id);
        var dx = ((h & 0xFFFF) / 65535.0 - 0.5) * 0.04;
        var dy = ((h >> 16) / 65535.0 - 0.5) * 0.04;
        var pm = LocalMetricProjection.MetricPrecision;
        return new Coordinate(pm.MakePrecise(c.X + dx), pm.MakePrecise(c.Y + dy));
    }

    // Voronoi sites must be distinct; a golden-angle spiral of half-metre steps finds a free spot.
    private static Coordinate Free(Coordinate c, HashSet<(long, long)> taken)
    {
        var p = c;
        for (var n = 1; !taken.Add(Key(p)); n++)
        {
            var r = 0.5 * Math.Sqrt(n);
            var a = n * 2.399963229728653;
            p = new Coordinate(
                LocalMetricProjection.MetricPrecision.MakePrecise(c.X + r * Math.Cos(a)),
                LocalMetricProjection.MetricPrecision.MakePrecise(c.Y + r * Math.Sin(a)));
        }
        return p;
    }

    private static (long, long) Key(Coordinate c) => ((long)Math.Round(c.X * 20), (long)Math.Round(c.Y * 20));
}

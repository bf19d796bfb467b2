using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Lookup;

/// <summary>
/// Finds the liaison unit (联户单元) of a point inside a known grid: the unit of that grid whose outline covers
/// the point (lowest code first on a shared edge, as for grids), else the grid's unit whose outline is nearest.
/// Units without an outline are not located. A grid has a dozen or so units, so each grid's units are simply
/// tried in code order after an envelope check. Immutable once built; safe for concurrent reads.
/// </summary>
public sealed class LiaisonUnitLocator
{
    private readonly Dictionary<string, Entry[]> _byGrid;

    private LiaisonUnitLocator(Dictionary<string, Entry[]> byGrid)
    {
        _byGrid = byGrid;
        Count = byGrid.Values.Sum(e => e.Length);
    }

    /// <summary>A locator over no units.</summary>
    public static LiaisonUnitLocator Empty { get; } = new(new Dictionary<string, Entry[]>());

    /// <summary>Units indexed.</summary>
    public int Count { get; }

    public static LiaisonUnitLocator Build(IEnumerable<LiaisonUnit> units)
    {
        var byGrid = units
            .Where(u => u.Boundary is (Polygon or MultiPolygon) && !u.Boundary.IsEmpty)
            .GroupBy(u => u.GridCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key,
                g => g.OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => new Entry(u, u.Boundary!.EnvelopeInternal, new EdgeStripIndex(u.Boundary))).ToArray(),
                StringComparer.Ordinal);
        return new LiaisonUnitLocator(byGrid);
    }

    /// <summary>The unit of grid <paramref name="gridCode"/> for the WGS84 point; null when the grid has no located units.</summary>
    public LiaisonUnit? Locate(string gridCode, double lon, double lat)
    {
        if (!_byGrid.TryGetValue(gridCode, out var entries)) return null;
        foreach (var e in entries)
            if (e.Envelope.Covers(lon, lat) && e.Area.Covers(lon, lat)) return e.Unit;
        var point = Geo.GeoFactory.Wgs84.CreatePoint(new Coordinate(lon, lat));
        LiaisonUnit? nearest = null;
        var best = double.MaxValue;
        foreach (var e in entries)
        {
            var d = e.Unit.Boundary!.Distance(point);
            if (d < best) (best, nearest) = (d, e.Unit);
        }
        return nearest;
    }

    private sealed record Entry(LiaisonUnit Unit, Envelope Envelope, EdgeStripIndex Area);
}

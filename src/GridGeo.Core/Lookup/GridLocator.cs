using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Lookup;

/// <summary>
/// Answers "which grid is this point in?" for a fixed set of grids, in memory.
/// <para>
/// <b>Covering grid.</b> A grid covers a point when the point is in its interior or on its boundary
/// (NTS <c>Covers</c>). A point covered by no grid has no answer (<c>null</c> / −1).
/// </para>
/// <para>
/// <b>Shared-edge rule.</b> A point on an edge or vertex shared by several grids belongs to the one whose code
/// sorts first (ordinal) among the grids that cover it. The same rule settles overlapping grids of an
/// invalid plan, so the answer is always deterministic.
/// </para>
/// <para>
/// <b>How.</b> The plan's envelope is cut into a uniform raster of cells. Each cell lists, in code order, every
/// grid that touches it, marked <i>full</i> when the closed cell lies inside that grid's interior. A lookup reads
/// its cell and walks the list: a full grid answers at once (most points), otherwise the grid's
/// <see cref="EdgeStripIndex"/> decides. Since every grid touching the cell is listed in code order, the first
/// covering one is the answer of the shared-edge rule.
/// </para>
/// Immutable once built: lookups take no locks and allocate nothing, from any number of threads.
/// </summary>
public sealed class GridLocator
{
    private readonly Grid[] _grids;
    private readonly EdgeStripIndex[] _areas;
    private readonly double _minX, _minY, _maxX, _maxY, _colsPerUnit, _rowsPerUnit;
    private readonly int _cols, _rows;
    private readonly int[] _cellStart;
    private readonly int[] _entries;

    private GridLocator(Grid[] grids, EdgeStripIndex[] areas, CellRaster raster)
    {
        _grids = grids;
        _areas = areas;
        (_minX, _minY, _maxX, _maxY) = (raster.MinX, raster.MinY, raster.MaxX, raster.MaxY);
        (_cols, _rows, _colsPerUnit, _rowsPerUnit) = (raster.Cols, raster.Rows, raster.ColsPerUnit, raster.RowsPerUnit);
        (_cellStart, _entries) = (raster.CellStart, raster.Entries);
        FullCellShare = raster.FullCellShare;
    }

    /// <summary>The grids, sorted by code (ordinal); <see cref="LocateIndex"/> answers an index into this list.</summary>
    public IReadOnlyList<Grid> Grids => _grids;

    /// <summary>Cells of the raster.</summary>
    public int CellCount => _cols * _rows;

    /// <summary>Share of non-empty cells answered without a point-in-polygon test.</summary>
    public double FullCellShare { get; }

    /// <summary>A locator over no grids: every point is outside.</summary>
    public static GridLocator Empty { get; } = Build([]);

    /// <summary>
    /// Builds the locator. Every grid boundary must be a Polygon or MultiPolygon; codes must be unique.
    /// </summary>
    public static GridLocator Build(IReadOnlyList<Grid> grids, GridLocatorOptions? options = null)
    {
        options ??= GridLocatorOptions.Default;
        var sorted = grids.OrderBy(g => g.Code, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i].Code == sorted[i - 1].Code)
                throw new ArgumentException($"grid code {sorted[i].Code} appears twice; a locator needs unique codes", nameof(grids));
            if (sorted[i].Boundary is not (Polygon or MultiPolygon) || sorted[i].Boundary.IsEmpty)
                throw new ArgumentException($"grid {sorted[i].Code}: boundary must be a non-empty Polygon or MultiPolygon, not {sorted[i].Boundary.GeometryType}", nameof(grids));
        }
        var areas = new EdgeStripIndex[sorted.Length];
        Parallel.For(0, sorted.Length, i => areas[i] = new EdgeStripIndex(sorted[i].Boundary));
        var raster = CellRaster.Build(sorted.Select(g => g.Boundary).ToArray(), areas, options);
        return new GridLocator(sorted, areas, raster);
    }

    /// <summary>The grid covering the point (WGS84 lon/lat), by the shared-edge rule; null when outside every grid.</summary>
    public Grid? Locate(double lon, double lat)
    {
        var i = LocateIndex(lon, lat);
        return i < 0 ? null : _grids[i];
    }

    /// <summary>The grid covering a point given in <paramref name="system"/>; null when outside every grid.</summary>
    public Grid? Locate(double lon, double lat, CoordinateSystem system)
    {
        var p = CoordinateConverter.ToWgs84(lon, lat, system);
        return Locate(p.Lon, p.Lat);
    }

    /// <summary>The index in <see cref="Grids"/> of the grid covering the point, or −1 (also for NaN).</summary>
    public int LocateIndex(double lon, double lat)
    {
        if (!(lon >= _minX && lon <= _maxX && lat >= _minY && lat <= _maxY)) return -1;
        var col = Math.Min((int)((lon - _minX) * _colsPerUnit), _cols - 1);
        var row = Math.Min((int)((lat - _minY) * _rowsPerUnit), _rows - 1);
        var cell = row * _cols + col;
        var entries = _entries;
        for (int i = _cellStart[cell], end = _cellStart[cell + 1]; i < end; i++)
        {
            var entry = entries[i];
            var grid = entry >> 1;
            if ((entry & 1) != 0 || _areas[grid].Covers(lon, lat)) return grid;
        }
        return -1;
    }

    /// <summary>Locates many WGS84 points: <paramref name="result"/>[i] is the index for point i, or −1.</summary>
    public void LocateIndexes(ReadOnlySpan<double> lons, ReadOnlySpan<double> lats, Span<int> result)
    {
        if (lats.Length != lons.Length || result.Length < lons.Length)
            throw new ArgumentException("lons and lats must have the same length and result at least that length");
        for (var i = 0; i < lons.Length; i++) result[i] = LocateIndex(lons[i], lats[i]);
    }

    /// <summary>Locates many WGS84 points: <paramref name="result"/>[i] is the index for point i, or −1.</summary>
    public void LocateIndexes(ReadOnlySpan<LonLat> points, Span<int> result)
    {
        if (result.Length < points.Length) throw new ArgumentException("result must be at least as long as points");
        for (var i = 0; i < points.Length; i++) result[i] = LocateIndex(points[i].Lon, points[i].Lat);
    }
}

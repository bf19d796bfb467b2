using NetTopologySuite.Geometries;

namespace GridGeo.Core.Lookup;

/// <summary>
/// The uniform cell raster behind <see cref="GridLocator"/>: for each cell, the areas (grids) that touch the closed cell,
/// in grid order, each entry <c>grid &lt;&lt; 1 | full</c> where <i>full</i> means the closed cell lies in the
/// grid's interior. A grid's boundary cells are found by walking each edge row by row (padded, so rounding can
/// only add cells, never drop one); each other cell of the grid's envelope is inside or outside as a whole,
/// which its centre decides.
/// </summary>
internal sealed class CellRaster
{
    public double MinX, MinY, MaxX, MaxY, ColsPerUnit, RowsPerUnit, CellWidth, CellHeight, FullCellShare;
    public int Cols, Rows;
    public int[] CellStart = [0, 0];
    public int[] Entries = [];

    public static CellRaster Build(Geometry[] grids, EdgeStripIndex[] areas, GridLocatorOptions options)
    {
        var r = new CellRaster { Cols = 1, Rows = 1 };
        if (grids.Length == 0)
        {
            (r.MinX, r.MinY, r.MaxX, r.MaxY) = (1, 1, -1, -1);
            return r;
        }
        var env = new Envelope();
        foreach (var g in grids) env.ExpandToInclude(g.EnvelopeInternal);
        (r.MinX, r.MinY, r.MaxX, r.MaxY) = (env.MinX, env.MinY, env.MaxX, env.MaxY);
        var width = Math.Max(env.Width, 1e-12);
        var height = Math.Max(env.Height, 1e-12);
        var target = (int)Math.Clamp((long)grids.Length * options.CellsPerGrid, options.MinCells, options.MaxCells);
        r.Cols = Math.Max(1, (int)Math.Round(Math.Sqrt(target * width / height)));
        r.Rows = Math.Max(1, target / r.Cols);
        r.ColsPerUnit = r.Cols / width;
        r.RowsPerUnit = r.Rows / height;
        r.CellWidth = width / r.Cols;
        r.CellHeight = height / r.Rows;
        r.Fill(grids, areas);
        return r;
    }

    private int ColOf(double x) => Math.Clamp((int)((x - MinX) * ColsPerUnit), 0, Cols - 1);
    private int RowOf(double y) => Math.Clamp((int)((y - MinY) * RowsPerUnit), 0, Rows - 1);

    private void Fill(Geometry[] grids, EdgeStripIndex[] areas)
    {
        var cells = Cols * Rows;
        var boundaryMark = new int[cells];
        Array.Fill(boundaryMark, -1);
        var pairs = new List<long>();
        var padX = CellWidth * 1e-6;
        var padY = CellHeight * 1e-6;
        for (var g = 0; g < grids.Length; g++)
        {
            var touched = new List<int>();
            foreach (var polygon in Parts(grids[g]))
            {
                MarkRing(polygon.Shell, g, boundaryMark, touched, padX, padY);
                foreach (var hole in polygon.Holes) MarkRing(hole, g, boundaryMark, touched, padX, padY);
            }
            foreach (var cell in touched) pairs.Add(((long)cell << 32) | ((long)g << 1));

            var env = grids[g].EnvelopeInternal;
            int c0 = ColOf(env.MinX), c1 = ColOf(env.MaxX), r0 = RowOf(env.MinY), r1 = RowOf(env.MaxY);
            for (var row = r0; row <= r1; row++)
            for (var col = c0; col <= c1; col++)
            {
                var cell = row * Cols + col;
                if (boundaryMark[cell] == g) continue;
                var cx = MinX + (col + 0.5) * CellWidth;
                var cy = MinY + (row + 0.5) * CellHeight;
                var where = areas[g].Locate(cx, cy);
                if (where == Location.Interior) pairs.Add(((long)cell << 32) | ((long)g << 1) | 1);
                else if (where == Location.Boundary) pairs.Add(((long)cell << 32) | ((long)g << 1));
            }
        }

        // A stable counting sort by cell keeps each cell's entries in grid (= code) order.
        var start = new int[cells + 1];
        foreach (var p in pairs) start[(int)(p >> 32) + 1]++;
        for (var c = 0; c < cells; c++) start[c + 1] += start[c];
        var next = (int[])start.Clone();
        var entries = new int[pairs.Count];
        foreach (var p in pairs) entries[next[(int)(p >> 32)]++] = (int)(p & 0xFFFFFFFF);
        CellStart = start;
        Entries = entries;

        int nonEmpty = 0, full = 0;
        for (var c = 0; c < cells; c++)
        {
            if (start[c + 1] == start[c]) continue;
            nonEmpty++;
            if ((entries[start[c]] & 1) != 0) full++;
        }
        FullCellShare = nonEmpty == 0 ? 0 : (double)full / nonEmpty;
    }

    private static IEnumerable<Polygon> Parts(Geometry area)
    {
        for (var i = 0; i < area.NumGeometries; i++) yield return (Polygon)area.GetGeometryN(i);
    }

    private void MarkRing(LineString ring, int g, int[] mark, List<int> touched, double padX, double padY)
    {
        var seq = ring.CoordinateSequence;
        for (var i = 1; i < seq.Count; i++)
            MarkSegment(seq.GetX(i - 1), seq.GetY(i - 1), seq.GetX(i), seq.GetY(i), g, mark, touched, padX, padY);
    }

    private void MarkSegment(double x1, double y1, double x2, double y2, int g, int[] mark, List<int> touched, double padX, double padY)
    {
        var yLow = Math.Min(y1, y2);
        var yHigh = Math.Max(y1, y2);
        int r0 = RowOf(yLow - padY), r1 = RowOf(yHigh + padY);
        for (var row = r0; row <= r1; row++)
        {
            // The part of the segment within this row's band (padded), as an x-range.
            var bandLow = Math.Max(yLow, MinY + row * CellHeight - padY);
            var bandHigh = Math.Min(yHigh, MinY + (row + 1) * CellHeight + padY);
            double xa, xb;
            if (y1 == y2 || bandLow >= bandHigh)
            {
                xa = bandLow >= bandHigh && y1 != y2 ? XAt(x1, y1, x2, y2, bandLow) : x1;
                xb = bandLow >= bandHigh && y1 != y2 ? xa : x2;
            }
            else
            {
                xa = XAt(x1, y1, x2, y2, bandLow);
                xb = XAt(x1, y1, x2, y2, bandHigh);
            }
            int c0 = ColOf(Math.Min(xa, xb) - padX), c1 = ColOf(Math.Max(xa, xb) + padX);
            for (var col = c0; col <= c1; col++)
            {
                var cell = row * Cols + col;
                if (mark[cell] == g) continue;
                mark[cell] = g;
                touched.Add(cell);
            }
        }
    }

    private static double XAt(double x1, double y1, double x2, double y2, double y)
    {
        var t = Math.Clamp((y - y1) / (y2 - y1), 0, 1);
        return x1 + t * (x2 - x1);
    }
}

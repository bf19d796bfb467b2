using NetTopologySuite.Geometries;

namespace GridGeo.Core.Generation;

/// <summary>
/// A jittered lattice of cells in metres (x east, y north): every cell is a quadrilateral whose
/// sides are wavy polylines, and two neighbouring cells share the very same side coordinates, so
/// the cells tile their union exactly (no gap, no overlap). Row 0 is the northernmost.
/// </summary>
internal sealed class CommunityLattice
{
    private const int EdgeInteriorPoints = 5;
    private const double JitterShare = 0.10;
    private const double WaveShare = 0.035;

    private readonly Coordinate[,] _vertices;
    /// <summary>[c, r]: the side from vertex (c, r) east to (c + 1, r).</summary>
    private readonly Coordinate[,][] _horizontal;

    /// <summary>[c, r]: the side from vertex (c, r) south to (c, r + 1).</summary>
    private readonly Coordinate[,][] _vertical;

    public int Columns { get; }
    public int Rows { get; }

    public CommunityLattice(double[] columnWidths, double[] rowHeights, Random random)
    {
        Columns = columnWidths.Length;
        Rows = rowHeights.Length;
        var xs = new double[Columns + 1];
        for (var c = 0; c < Columns; c++) xs[c + 1] = xs[c] + columnWidths[c];
        var ys = new double[Rows + 1];
        for (var r = 0; r < Rows; r++) ys[r + 1] = ys[r] - rowHeights[r];
        var offX = xs[Columns] / 2;
        var offY = ys[Rows] / 2;

        _vertices = new Coordinate[Columns + 1, Rows + 1];
        for (var r = 0; r <= Rows; r++)
        {
            for (var c = 0; c <= Columns; c++)
            {
                var w = Math.Min(columnWidths[Math.Min(c, Columns - 1)], columnWidths[Math.Max(c - 1, 0)]);
                var h = Math.Min(rowHeights[Math.Min(r, Rows - 1)], rowHeights[Math.Max(r - 1, 0)]);
                var jx = (random.NextDouble() * 2 - 1) * JitterShare * w;
                var jy = (random.NextDouble() * 2 - 1) * JitterShare * h;
                _vertices[c, r] = new Coordinate(Math.Round(xs[c] - offX + jx, 2), Math.Round(ys[r] - offY + jy, 2));
            }
        }
        _horizontal = new Coordinate[Columns, Rows + 1][];
        for (var r = 0; r <= Rows; r++)
            for (var c = 0; c < Columns; c++) _horizontal[c, r] = WavyEdge(_vertices[c, r], _vertices[c + 1, r], random);
        _vertical = new Coordinate[Columns + 1, Rows][];
        for (var r = 0; r < Rows; r++)
            for (var c = 0; c <= Columns; c++) _vertical[c, r] = WavyEdge(_vertices[c, r], _vertices[c, r + 1], random);
    }

    private static Coordinate[] WavyEdge(Coordinate a, Coordinate b, Random random)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var length = Math.Sqrt(dx * dx + dy * dy);
        var nx = -dy / length;
        var ny = dx / length;
        var points = new Coordinate[EdgeInteriorPoints + 2];
        points[0] = a;
        points[^1] = b;
        for (var i = 1; i <= EdgeInteriorPoints; i++)
        {
            var t = (double)i / (EdgeInteriorPoints + 1);
            var offset = (random.NextDouble() * 2 - 1) * WaveShare * length * Math.Sin(Math.PI * t);
            points[i] = new Coordinate(Math.Round(a.X + dx * t + nx * offset, 2), Math.Round(a.Y + dy * t + ny * offset, 2));
        }
        return points;
    }

    /// <summary>
    /// The closed ring of cell (<paramref name="c"/>, <paramref name="r"/>), counter-clockwise: south side
    /// west→east, east side south→north, north side east→west, west side north→south.
    /// </summary>
    public Coordinate[] CellRing(int c, int r)
    {
        var ring = new List<Coordinate>(4 * (EdgeInteriorPoints + 1) + 1);
        Append(ring, _horizontal[c, r + 1], reversed: false);
        Append(ring, _vertical[c + 1, r], reversed: true);
        Append(ring, _horizontal[c, r], reversed: true);
        Append(ring, _vertical[c, r], reversed: false);
        ring.Add(ring[0].Copy());
        return ring.ToArray();
    }

    private static void Append(List<Coordinate> ring, Coordinate[] edge, bool reversed)
    {
        for (var i = 0; i < edge.Length - 1; i++) ring.Add((reversed ? edge[edge.Length - 1 - i] : edge[i]).Copy());
    }

    /// <summary>The corners of cell (c, r) as a bilinear patch: u runs west→east, v south→north.</summary>
    public CellPatch Patch(int c, int r) =>
        new(_vertices[c, r + 1], _vertices[c + 1, r + 1], _vertices[c, r], _vertices[c + 1, r]);

    /// <summary>The shared boundary line between rows <paramref name="r"/>-1 and r over columns [c0, c1).</summary>
    public Coordinate[] HorizontalLine(int r, int c0, int c1)
    {
        var line = new List<Coordinate>();
        for (var c = c0; c < c1; c++) Append(line, _horizontal[c, r], reversed: false);
        line.Add(_horizontal[c1 - 1, r][^1].Copy());
        return line.ToArray();
    }

    /// <summary>The shared boundary line between columns <paramref name="c"/>-1 and c over rows [r0, r1).</summary>
    public Coordinate[] VerticalLine(int c, int r0, int r1)
    {
        var line = new List<Coordinate>();
        for (var r = r0; r < r1; r++) Append(line, _vertical[c, r], reversed: false);
        line.Add(_vertical[c, r1 - 1][^1].Copy());
        return line.ToArray();
    }

    /// <summary>The mean y of the middle of row <paramref name="r"/>.</summary>
    public double RowMiddle(int r)
    {
        var sum = 0.0;
        for (var c = 0; c <= Columns; c++) sum += (_vertices[c, r].Y + _vertices[c, r + 1].Y) / 2;
        return sum / (Columns + 1);
    }

    public Envelope Extent()
    {
        var env = new Envelope();
        foreach (var v in _vertices) env.ExpandToInclude(v);
        return env;
    }
}

/// <summary>
/// A quadrilateral addressed by (u, v) ∈ [0, 1]²: u west→east, v south→north. Lines of constant u or
/// v are straight, so a sub-rectangle of (u, v) maps to a quadrilateral with straight sides.
/// </summary>
internal readonly record struct CellPatch(Coordinate Sw, Coordinate Se, Coordinate Nw, Coordinate Ne)
{
    public Coordinate At(double u, double v) => new(
        (1 - u) * (1 - v) * Sw.X + u * (1 - v) * Se.X + (1 - u) * v * Nw.X + u * v * Ne.X,
        (1 - u) * (1 - v) * Sw.Y + u * (1 - v) * Se.Y + (1 - u) * v * Nw.Y + u * v * Ne.Y);

    /// <summary>The sub-patch over [u0, u1] × [v0, v1].</summary>
    public CellPatch Sub(double u0, double v0, double u1, double v1) => new(At(u0, v0), At(u1, v0), At(u0, v1), At(u1, v1));

    public Coordinate Center => At(0.5, 0.5);

    public double Width => (Sw.Distance(Se) + Nw.Distance(Ne)) / 2;
    public double Height => (Sw.Distance(Nw) + Se.Distance(Ne)) / 2;

    public Polygon ToPolygon(GeometryFactory factory) => factory.CreatePolygon([Sw.Copy(), Se.Copy(), Ne.Copy(), Nw.Copy(), Sw.Copy()]);
}

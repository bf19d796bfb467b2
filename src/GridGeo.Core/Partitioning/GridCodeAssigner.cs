using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// Numbers the grids of a community west→east, north→south (Beijing DB11 / Xi'an DB6101 practice):
/// each grid's representative point is the interior point of its largest part (in metres); the
/// community is cut into horizontal rows of height √(community area ÷ number of grids), the typical
/// grid size, counted from the community's northern edge; grids are ordered by row (north first), then
/// by the point's easting (west first), then northing (north first). The code is the community code
/// plus the 3-digit position (001, 002, …).
/// </summary>
public static class GridCodeAssigner
{
    /// <summary>The 1-based sequence number of each grid, in input order.</summary>
    public static int[] Sequence(Geometry communityMetric, IReadOnlyList<Geometry> gridsMetric)
    {
        var n = gridsMetric.Count;
        var result = new int[n];
        if (n == 0) return result;
        var env = communityMetric.EnvelopeInternal;
        var rowHeight = Math.Sqrt(Math.Max(communityMetric.Area, 1) / n);
        var keys = new (long Row, double X, double Y, int Index)[n];
        for (var i = 0; i < n; i++)
        {
            var p = RepresentativePoint(gridsMetric[i]);
            keys[i] = ((long)Math.Floor((env.MaxY - p.Y) / rowHeight), p.X, p.Y, i);
        }
        var ordered = keys.OrderBy(k => k.Row).ThenBy(k => k.X).ThenByDescending(k => k.Y).ThenBy(k => k.Index).ToList();
        for (var s = 0; s < ordered.Count; s++) result[ordered[s].Index] = s + 1;
        return result;
    }

    /// <summary>The interior point of the largest polygon of a grid (its representative point).</summary>
    public static Coordinate RepresentativePoint(Geometry g)
    {
        Geometry largest = g;
        if (g.NumGeometries > 1)
        {
            largest = g.GetGeometryN(0);
            for (var i = 1; i < g.NumGeometries; i++)
            {
                if (g.GetGeometryN(i).Area > largest.Area) largest = g.GetGeometryN(i);
            }
        }
        return largest.IsEmpty ? new Coordinate(0, 0) : largest.InteriorPoint.Coordinate;
    }
}

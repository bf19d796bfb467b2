using NetTopologySuite.Geometries;
using SkiaSharp;

namespace GridGeo.Rendering.Map;

/// <summary>NTS geometries (lon/lat) as Skia paths on the page of a <see cref="ConformalFrame"/>, and as page-space NTS geometries for measuring.</summary>
public static class PagePaths
{
    private static readonly GeometryFactory PageFactory = new();

    /// <summary>The polygons of <paramref name="geometry"/> as one even-odd path (holes stay open); lines are traced too.</summary>
    public static SKPath Of(Geometry geometry, ConformalFrame frame)
    {
        using var path = new SKPathBuilder { FillType = SKPathFillType.EvenOdd };
        Add(path, geometry, frame);
        return path.Detach();
    }

    private static void Add(SKPathBuilder path, Geometry geometry, ConformalFrame frame)
    {
        switch (geometry)
        {
            case Polygon polygon:
                AddRing(path, polygon.ExteriorRing.Coordinates, frame, close: true);
                foreach (var hole in polygon.InteriorRings) AddRing(path, hole.Coordinates, frame, close: true);
                break;
            case LineString line:
                AddRing(path, line.Coordinates, frame, close: false);
                break;
            case GeometryCollection collection:
                foreach (var part in collection.Geometries) Add(path, part, frame);
                break;
        }
    }

    private static void AddRing(SKPathBuilder path, Coordinate[] coordinates, ConformalFrame frame, bool close)
    {
        if (coordinates.Length < 2) return;
        path.MoveTo(frame.ToPage(coordinates[0]));
        for (var i = 1; i < coordinates.Length; i++) path.LineTo(frame.ToPage(coordinates[i]));
        if (close) path.Close();
    }

    /// <summary><paramref name="geometry"/> with every coordinate moved onto the page (x right, y down, points).</summary>
    public static Geometry OnPage(Geometry geometry, ConformalFrame frame)
    {
        var copy = PageFactory.CreateGeometry(geometry);
        copy.Apply(new PageFilter(frame));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class PageFilter(ConformalFrame frame) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var p = frame.ToPage(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, p.X);
                seq.SetY(i, p.Y);
            }
        }
    }
}

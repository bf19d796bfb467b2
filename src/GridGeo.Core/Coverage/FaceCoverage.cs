using GridGeo.Core.Geo;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;

namespace GridGeo.Core.Coverage;

/// <summary>
/// One community as a planar coverage of faces on <see cref="GridPrecision"/>: the community boundary and every outline
/// given (grids, drawn lines) are noded together in one snap-rounding overlay and polygonized, so the faces tile the
/// community exactly by construction and neighbouring faces share identical edges. Each face knows whether it lies in the
/// community, which of the given shapes contain it, which community piece it is in, and its neighbours with the length of
/// the edge they share. Outlines are exact coverage unions of whole faces (<see cref="Outline"/>).
/// </summary>
public sealed class FaceCoverage
{
    private readonly Dictionary<(double, double, double, double), (int A, int B)> _edges;

    private FaceCoverage(List<Polygon> faces, bool[] inCommunity, int[] piece, List<int>[] shapesOf, double[] areaM2,
        Dictionary<(double, double, double, double), (int A, int B)> edges, double metresPerLon, double metresPerLat)
    {
        Faces = faces;
        InCommunity = inCommunity;
        Piece = piece;
        ShapesOf = shapesOf;
        AreaM2 = areaM2;
        _edges = edges;
        MetresPerLon = metresPerLon;
        MetresPerLat = metresPerLat;
        var neighbours = new Dictionary<int, double>[faces.Count];
        for (var i = 0; i < faces.Count; i++) neighbours[i] = [];
        foreach (var (key, (a, b)) in edges)
        {
            if (a < 0 || b < 0 || a == b) continue;
            var len = Length(key);
            neighbours[a][b] = neighbours[a].GetValueOrDefault(b) + len;
            neighbours[b][a] = neighbours[b].GetValueOrDefault(a) + len;
        }
        Neighbours = neighbours;
    }

    /// <summary>The faces, WGS84 on <see cref="GridPrecision"/>.</summary>
    public IReadOnlyList<Polygon> Faces { get; }

    /// <summary>Whether each face lies in the community.</summary>
    public IReadOnlyList<bool> InCommunity { get; }

    /// <summary>The index of the community piece (polygon of a MultiPolygon) each face lies in; -1 outside.</summary>
    public IReadOnlyList<int> Piece { get; }

    /// <summary>The indexes of the given shapes that contain each face, ascending.</summary>
    public IReadOnlyList<List<int>> ShapesOf { get; }

    /// <summary>Each face's area in m².</summary>
    public IReadOnlyList<double> AreaM2 { get; }

    /// <summary>Each face's neighbours (by index) with the length in metres of the edge they share.</summary>
    public IReadOnlyList<Dictionary<int, double>> Neighbours { get; }

    /// <summary>Metres per degree of longitude and of latitude at the community (for measuring only).</summary>
    public double MetresPerLon { get; }

    public double MetresPerLat { get; }

    /// <summary>
    /// Nodes <paramref name="community"/>'s boundary and the rings of every shape (and any extra <paramref name="lines"/>) at
    /// <see cref="GridPrecision"/> and polygonizes them. Faces outside the community are kept when a shape contains them
    /// (so that a shape reaching outside can be measured) and dropped otherwise.
    /// </summary>
    public static FaceCoverage Build(Geometry community, IReadOnlyList<Geometry> shapes, IEnumerable<Geometry>? lines = null)
    {
        var f = GeoFactory.Wgs84;
        var linework = new List<Geometry>();
        AddRings(community, linework);
        foreach (var s in shapes) AddRings(s, linework);
        if (lines is not null) linework.AddRange(lines.Where(l => !l.IsEmpty));
        var noded = linework.Count == 0 ? f.CreateLineString() : UnaryUnionNG.Union(f.BuildGeometry(linework), GridPrecision.Model);
        var polygonizer = new Polygonizer(extractOnlyPolygonal: false);
        polygonizer.Add(noded);

        var centre = community.IsEmpty ? new Coordinate(0, 0) : community.EnvelopeInternal.Centre;
        var (mLon, mLat) = MetresPerDegree(centre.Y);
        var pieces = Enumerable.Range(0, community.NumGeometries).Select(i => community.GetGeometryN(i))
            .Where(p => p is Polygon && !p.IsEmpty).Select(p => new IndexedPointInAreaLocator(p)).ToList();
        var tree = new STRtree<int>();
        var locators = new IndexedPointInAreaLocator?[shapes.Count];
        for (var i = 0; i < shapes.Count; i++)
        {
            if (shapes[i].IsEmpty) continue;
            tree.Insert(shapes[i].EnvelopeInternal, i);
        }
        if (shapes.Count > 0) tree.Build();

        var faces = new List<Polygon>();
        var inCommunity = new List<bool>();
        var piece = new List<int>();
        var shapesOf = new List<List<int>>();
        var area = new List<double>();
        foreach (var g in polygonizer.GetPolygons())
        {
            if (g is not Polygon p || p.IsEmpty || p.Area <= 0) continue;
            var probe = p.InteriorPoint.Coordinate;
            var inPiece = -1;
            for (var k = 0; k < pieces.Count && inPiece < 0; k++)
            {
                if (pieces[k].Locate(probe) == Location.Interior) inPiece = k;
            }
            var owners = new List<int>();
            foreach (var i in tree.Query(new Envelope(probe)))
            {
                locators[i] ??= new IndexedPointInAreaLocator(shapes[i]);
                if (locators[i]!.Locate(probe) == Location.Interior) owners.Add(i);
            }
            owners.Sort();
            if (inPiece < 0 && owners.Count == 0) continue;
            faces.Add((Polygon)GridPrecision.Factory.CreateGeometry(p));
            inCommunity.Add(inPiece >= 0);
            piece.Add(inPiece);
            shapesOf.Add(owners);
            area.Add(p.Area * mLon * mLat);
        }

        var edges = new Dictionary<(double, double, double, double), (int A, int B)>();
        for (var i = 0; i < faces.Count; i++)
        {
            foreach (var ring in Rings(faces[i]))
            {
                var cs = ring.CoordinateSequence;
                for (var k = 0; k + 1 < cs.Count; k++)
                {
                    var key = Key(cs.GetX(k), cs.GetY(k), cs.GetX(k + 1), cs.GetY(k + 1));
                    edges[key] = edges.TryGetValue(key, out var e) ? (e.A, i) : (i, -1);
                }
            }
        }
        return new FaceCoverage(faces, [.. inCommunity], [.. piece], [.. shapesOf], [.. area], edges, mLon, mLat);
    }

    /// <summary>The exact union of the faces <paramref name="faceIds"/>: a Polygon, a MultiPolygon when they are not connected, or an empty Polygon.</summary>
    public Geometry Outline(IReadOnlyCollection<int> faceIds)
    {
        var f = GridPrecision.Factory;
        if (faceIds.Count == 0) return f.CreatePolygon();
        if (faceIds.Count == 1) return Faces[faceIds.First()];
        var union = NetTopologySuite.Coverage.CoverageUnion.Union(faceIds.Select(i => (Geometry)Faces[i]).ToArray());
        return Polygonal(union);
    }

    /// <summary>The connected groups (by shared edges) among <paramref name="faceIds"/>.</summary>
    public List<List<int>> Components(IReadOnlyCollection<int> faceIds)
    {
        var set = faceIds.ToHashSet();
        var seen = new HashSet<int>();
        var result = new List<List<int>>();
        foreach (var start in faceIds)
        {
            if (!seen.Add(start)) continue;
            var group = new List<int> { start };
            var stack = new Stack<int>();
            stack.Push(start);
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                foreach (var y in Neighbours[x].Keys)
                {
                    if (set.Contains(y) && seen.Add(y))
                    {
                        group.Add(y);
                        stack.Push(y);
                    }
                }
            }
            result.Add(group);
        }
        return result;
    }

    /// <summary>
    /// The label (≥ 0, not <paramref name="own"/>) of the faces outside <paramref name="part"/> that share most edge with it,
    /// ties to the lower label; -1 when no labelled face borders it.
    /// </summary>
    public int MostSharedLabel(IReadOnlyCollection<int> part, IReadOnlyList<int> label, int own) =>
        SharedLabels(part, label, own).FirstOrDefault(-1);

    /// <summary>
    /// The labels (≥ 0, not <paramref name="own"/>) of the faces outside <paramref name="part"/> that border it, most shared
    /// edge first, ties to the lower label.
    /// </summary>
    public List<int> SharedLabels(IReadOnlyCollection<int> part, IReadOnlyList<int> label, int own)
    {
        var shared = new Dictionary<int, double>();
        var set = part as IReadOnlySet<int> ?? part.ToHashSet();
        foreach (var i in part)
        foreach (var (j, len) in Neighbours[i])
        {
            if (set.Contains(j) || label[j] < 0 || label[j] == own) continue;
            shared[label[j]] = shared.GetValueOrDefault(label[j]) + len;
        }
        return shared.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key).ToList();
    }

    /// <summary>A key of the segment a–b that is the same in both directions (shared edges of a noded coverage match by it).</summary>
    public static (double, double, double, double) SegmentKey(Coordinate a, Coordinate b) => Key(a.X, a.Y, b.X, b.Y);

    /// <summary>Metres per degree of longitude and latitude at <paramref name="lat"/> (WGS84 ellipsoid radii of curvature).</summary>
    public static (double Lon, double Lat) MetresPerDegree(double lat)
    {
        const double a = 6378137.0;
        const double fl = 1 / 298.257223563;
        var e2 = fl * (2 - fl);
        var phi = lat * Math.PI / 180;
        var s = Math.Sin(phi);
        var w = Math.Sqrt(1 - e2 * s * s);
        return (a / w * Math.Cos(phi) * Math.PI / 180, a * (1 - e2) / (w * w * w) * Math.PI / 180);
    }

    private double Length((double X1, double Y1, double X2, double Y2) k) =>
        Math.Sqrt(Math.Pow((k.X2 - k.X1) * MetresPerLon, 2) + Math.Pow((k.Y2 - k.Y1) * MetresPerLat, 2));

    private static (double, double, double, double) Key(double x1, double y1, double x2, double y2) =>
        x1 < x2 || (x1 == x2 && y1 <= y2) ? (x1, y1, x2, y2) : (x2, y2, x1, y1);

    private static IEnumerable<LineString> Rings(Polygon p)
    {
        yield return p.ExteriorRing;
        foreach (var h in p.InteriorRings) yield return h;
    }

    private static void AddRings(Geometry g, List<Geometry> into)
    {
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is not Polygon p || p.IsEmpty) continue;
            foreach (var r in Rings(p)) into.Add(r);
        }
    }

    /// <summary>The polygonal parts of an overlay result as a Polygon or MultiPolygon on <see cref="GridPrecision"/>.</summary>
    internal static Geometry Polygonal(Geometry g)
    {
        var f = GridPrecision.Factory;
        var polys = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            var part = g.GetGeometryN(i);
            if (part is Polygon p && !p.IsEmpty) polys.Add(p);
            else if (part is MultiPolygon mp) for (var j = 0; j < mp.NumGeometries; j++) polys.Add((Polygon)mp.GetGeometryN(j));
        }
        if (polys.Count == 0) return f.CreatePolygon();
        return polys.Count == 1 ? (Polygon)f.CreateGeometry(polys[0]) : f.CreateMultiPolygon(polys.Select(p => (Polygon)f.CreateGeometry(p)).ToArray());
    }
}

using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// A piece of the tessellation: a polygon of one block that belongs to one atom (<see cref="Atom"/> ≥ 0),
/// or a fragment with no atom yet (a block without buildings, or a part of a Voronoi cell cut off from
/// its site by the block's shape) that <see cref="AdjacencyGraphBuilder"/> attaches to a neighbour.
/// </summary>
public sealed class Piece(int block, int atom, Polygon shape, bool touchesBlockBoundary)
{
    public int Block { get; } = block;
    public int Atom { get; set; } = atom;
    public Polygon Shape { get; } = shape;
    public bool TouchesBlockBoundary { get; } = touchesBlockBoundary;
}

/// <summary>
/// Tiles the area of a community with one cell per atom: in each <see cref="Block"/> the Voronoi
/// diagram of the block's atoms, clipped to the block, so that cell edges run along the barriers.
/// Every vertex lies on the metric precision grid and neighbouring cells of a block share identical
/// vertices, so the pieces tile the area exactly.
/// </summary>
public static class CommunityTessellator
{
    public static List<Piece> Tessellate(IReadOnlyList<Block> blocks, IReadOnlyList<Atom> atoms)
    {
        var atomsOfBlock = AssignAtoms(blocks, atoms);
        var pieces = new List<Piece>();
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b].Shape;
            var members = atomsOfBlock[b];
            if (members.Count == 0)
            {
                pieces.Add(new Piece(b, -1, block, true));
            }
            else if (members.Count == 1)
            {
                pieces.Add(new Piece(b, members[0], block, true));
            }
            else
            {
                CellsOfBlock(b, block, members, atoms, pieces);
            }
        }
        return pieces;
    }

    private static List<int>[] AssignAtoms(IReadOnlyList<Block> blocks, IReadOnlyList<Atom> atoms)
    {
        var result = new List<int>[blocks.Count];
        for (var i = 0; i < result.Length; i++) result[i] = [];
        if (blocks.Count == 0) return result;
        var tree = new STRtree<(int Index, IPreparedGeometry Shape)>();
        foreach (var b in blocks) tree.Insert(b.Shape.EnvelopeInternal, (b.Index, PreparedGeometryFactory.Prepare(b.Shape)));
        tree.Build();
        var f = LocalMetricProjection.MetricFactory;
        foreach (var a in atoms)
        {
            var point = f.CreatePoint(a.Location);
            var found = -1;
            foreach (var (index, shape) in tree.Query(point.EnvelopeInternal))
            {
                if (shape.Covers(point) && (found < 0 || index < found)) found = index;
            }
            if (found < 0)
            {
                // A building just outside the area (e.g. on a dedicated area's edge) takes the nearest block.
                var best = double.MaxValue;
                foreach (var b in blocks)
                {
                    var d = b.Shape.Distance(point);
                    if (d < best) { best = d; found = b.Index; }
                }
            }
            result[found].Add(a.Index);
        }
        return result;
    }

    private static void CellsOfBlock(int b, Polygon block, List<int> members, IReadOnlyList<Atom> atoms, List<Piece> pieces)
    {
        var pm = LocalMetricProjection.MetricPrecision;
        var f = LocalMetricProjection.MetricFactory;
        var siteOf = new Dictionary<(double, double), int>(members.Count);
        var sites = new List<Coordinate>(members.Count);
        foreach (var m in members)
        {
            var c = atoms[m].Location;
            if (siteOf.TryAdd((c.X, c.Y), m)) sites.Add(c);
        }
        // The subdivision's own cells, unclipped: the builder's envelope clipping uses the legacy overlay,
        // which fails on near-degenerate cells; clipping to the block below uses robust OverlayNG.
        // Four guard sites far outside keep every cell of a real site bounded: any point of the block
        // is nearer to some real site (within the envelope's diagonal) than to a guard (beyond twice it).
        var env = new Envelope(block.EnvelopeInternal);
        foreach (var s in sites) env.ExpandToInclude(s);
        var reach = 2 * Math.Sqrt(env.Width * env.Width + env.Height * env.Height) + 10;
        env.ExpandBy(reach);
        var guarded = new List<Coordinate>(sites)
        {
            new(env.MinX, env.MinY), new(env.MaxX, env.MinY), new(env.MaxX, env.MaxY), new(env.MinX, env.MaxY),
        };
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(guarded);
        var diagram = builder.GetSubdivision().GetVoronoiCellPolygons(f);
        var prepared = PreparedGeometryFactory.Prepare(block);
        foreach (var geometry in diagram)
        {
            var cell = (Polygon)geometry;
            var site = (Coordinate)cell.UserData;
            if (!siteOf.TryGetValue((site.X, site.Y), out var atom)) continue;
            var rounded = Round(cell, f, pm);
            if (rounded is null) continue;
            if (prepared.ContainsProperly(rounded))
            {
                pieces.Add(new Piece(b, atom, rounded, false));
                continue;
            }
            var clipped = OverlayNGRobust.Overlay(rounded, block, SpatialFunction.Intersection);
            var sitePoint = f.CreatePoint(site);
            Polygon? own = null;
            var parts = new List<Polygon>();
            for (var p = 0; p < clipped.NumGeometries; p++)
            {
                if (clipped.GetGeometryN(p) is Polygon part && part.Area > 0) parts.Add(part);
            }
            if (parts.Count == 0) continue;
            // The part holding the site (or nearest to it) is the atom's cell; other parts are fragments.
            own = parts.OrderBy(part => part.Distance(sitePoint)).ThenByDescending(part => part.Area).First();
            foreach (var part in parts) pieces.Add(new Piece(b, part == own ? atom : -1, part, true));
        }
    }

    private static Polygon? Round(Polygon cell, GeometryFactory f, PrecisionModel pm)
    {
        var ring = cell.ExteriorRing.Coordinates;
        var list = new List<Coordinate>(ring.Length);
        foreach (var c in ring)
        {
            var r = new Coordinate(pm.MakePrecise(c.X), pm.MakePrecise(c.Y));
            if (list.Count == 0 || !list[^1].Equals2D(r)) list.Add(r);
        }
        if (list.Count < 4) return null;
        if (!list[0].Equals2D(list[^1])) list.Add(list[0].Copy());
        if (list.Count < 4) return null;
        return f.CreatePolygon(list.ToArray());
    }
}

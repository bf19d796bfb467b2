using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// Outlines the liaison units of one grid as sub-labels of the grid's faces, so that they tile the grid exactly: the grid's
/// boundary and the cut lines (the Voronoi edges of the units' <em>sites</em>) are noded once by snap-rounding at
/// <see cref="GridPrecision"/> and polygonized (<see cref="FaceCoverage"/>); each face is labelled with the unit of its
/// nearest site, and a unit's outline is the exact coverage union of its faces, so neighbouring units share identical
/// edges and every vertex lies on the 1e-7° grid.
/// <para>
/// A <em>site</em> is where a unit stands: its building's location, or, where several units share a building (the floors
/// of a tower) or a location, one point per unit on a small circle around it, so that each unit has its own sector of the
/// building's cell. A location outside the grid (a stair unit of a building the plan split) is moved to the nearest point
/// inside. In a grid of several pieces (an exclave) a face only takes a unit of its own piece group.
/// </para>
/// The labelling keeps each unit in one piece: a part of a unit cut off from the part holding most of its households (the
/// grid is not convex, or snapping closed a neck) goes to the neighbouring unit it shares most edge with; a unit whose
/// sites own no face takes the nearest face a neighbour can spare without falling apart.
/// </summary>
internal static class LiaisonFaceOutliner
{
    private static readonly GeometryFactory Metric = new(new PrecisionModel(), 0);

    /// <summary>The largest radius (m) of the circle of sites around a location shared by several units.</summary>
    private const double RingMetres = 2.0;

    /// <param name="grid">The grid polygon (WGS84).</param>
    /// <param name="metres">The grid's local metres (those of <paramref name="locations"/>).</param>
    /// <param name="locations">The location of each building (by rank) in metres.</param>
    /// <param name="groupOfBuilding">The piece group of each building (by rank).</param>
    /// <param name="groupOfPiece">The piece group of each polygon of <paramref name="grid"/>; -1 for a piece no group holds.</param>
    /// <param name="unitsOfBuilding">The units (by index) holding households of each building, with those households.</param>
    /// <param name="unitCount">How many units the grid has.</param>
    /// <returns>Each unit's outline: a Polygon, or a MultiPolygon whose parts lie in different pieces of the grid.</returns>
    public static Geometry[] Outline(Geometry grid, LocalMetres metres, IReadOnlyList<(double X, double Y)> locations,
        IReadOnlyList<int> groupOfBuilding, IReadOnlyList<int> groupOfPiece, IReadOnlyList<List<(int Unit, int Households)>> unitsOfBuilding,
        int unitCount)
    {
        var sites = Sites(grid, metres, locations, groupOfBuilding, unitsOfBuilding);
        var lines = unitCount > 1 && sites.Count > 1 ? CutLines(grid, metres, sites) : [];
        var fc = FaceCoverage.Build(grid, [], lines);

        var label = new int[fc.Faces.Count];
        var ownerSite = new int[fc.Faces.Count];
        for (var i = 0; i < label.Length; i++)
        {
            var probe = fc.Faces[i].InteriorPoint.Coordinate;
            var group = fc.Piece[i] >= 0 && fc.Piece[i] < groupOfPiece.Count ? groupOfPiece[fc.Piece[i]] : -1;
            ownerSite[i] = NearestSite(sites, metres.X(probe.X), metres.Y(probe.Y), group);
            label[i] = ownerSite[i] < 0 ? -1 : sites[ownerSite[i]].Unit;
        }
        var facesOf = Regroup(label, unitCount);
        KeepOnePiece(fc, label, facesOf, ownerSite, sites);
        GiveFacesToEmptyUnits(fc, label, facesOf, sites, metres);
        return facesOf.Select(f => fc.Outline(f)).ToArray();
    }

    /// <summary>One site: a point in metres, its unit, the households it stands for and its piece group.</summary>
    private readonly record struct Site(double X, double Y, int Unit, int Households, int Group);

    private static List<Site> Sites(Geometry grid, LocalMetres metres, IReadOnlyList<(double X, double Y)> locations,
        IReadOnlyList<int> groupOfBuilding, IReadOnlyList<List<(int Unit, int Households)>> unitsOfBuilding)
    {
        // Buildings within a centimetre of each other stand at one location (their cells would be slivers).
        var byLocation = new Dictionary<(long, long), (double X, double Y, int Group, List<(int Unit, int Households)> Units)>();
        for (var b = 0; b < locations.Count; b++)
        {
            if (unitsOfBuilding[b].Count == 0) continue;
            var key = ((long)Math.Round(locations[b].X * 100), (long)Math.Round(locations[b].Y * 100));
            if (!byLocation.TryGetValue(key, out var at)) byLocation[key] = at = (locations[b].X, locations[b].Y, groupOfBuilding[b], []);
            foreach (var (unit, households) in unitsOfBuilding[b])
            {
                var k = at.Units.FindIndex(u => u.Unit == unit);
                if (k < 0) at.Units.Add((unit, households));
                else at.Units[k] = (unit, at.Units[k].Households + households);
            }
        }
        var gridM = metres.Project(grid, Metric);
        var prepared = PreparedGeometryFactory.Prepare(gridM);
        var centres = byLocation.Values.Select(l => (Centre: Inside(gridM, prepared, l.X, l.Y), l.Group, l.Units)).ToList();

        var sites = new List<Site>();
        for (var i = 0; i < centres.Count; i++)
        {
            var (c, group, units) = centres[i];
            if (units.Count == 1)
            {
                sites.Add(new Site(c.X, c.Y, units[0].Unit, units[0].Households, group));
                continue;
            }
            // A ring well inside the gap to the nearest other location, so that the sector cells stay around this one.
            var nearest = double.PositiveInfinity;
            for (var j = 0; j < centres.Count; j++)
            {
                if (j != i) nearest = Math.Min(nearest, c.Distance(centres[j].Centre));
            }
            var radius = Math.Max(0.05, Math.Min(RingMetres, 0.3 * nearest));
            for (var k = 0; k < units.Count; k++)
            {
                var angle = Math.PI / 2 - 2 * Math.PI * k / units.Count;
                sites.Add(new Site(c.X + radius * Math.Cos(angle), c.Y + radius * Math.Sin(angle), units[k].Unit, units[k].Households, group));
            }
        }
        return sites;
    }

    /// <summary>A location inside the grid: itself, or the inside of the grid a metre around the nearest point of the grid.</summary>
    private static Coordinate Inside(Geometry gridM, IPreparedGeometry prepared, double x, double y)
    {
        var point = Metric.CreatePoint(new Coordinate(x, y));
        if (gridM.IsEmpty || prepared.Contains(point)) return point.Coordinate;
        var near = DistanceOp.NearestPoints(gridM, point)[0];
        var patch = OverlayNGRobust.Overlay(gridM, Metric.CreatePoint(near).Buffer(1.0, 4), SpatialFunction.Intersection);
        return patch.IsEmpty ? near : patch.InteriorPoint.Coordinate;
    }

    /// <summary>The Voronoi edges of the sites (as the rings of their cells), in WGS84, over the grid's extent.</summary>
    private static List<Geometry> CutLines(Geometry grid, LocalMetres metres, List<Site> sites)
    {
        var envelope = metres.Project(grid.Envelope, Metric).EnvelopeInternal;
        foreach (var s in sites) envelope.ExpandToInclude(s.X, s.Y);
        envelope.ExpandBy(Math.Max(envelope.Width, envelope.Height) * 0.1 + 10);
        var distinct = sites.Select(s => new Coordinate(s.X, s.Y)).Distinct().ToList();
        if (distinct.Count < 2) return [];
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = envelope };
        builder.SetSites(distinct);
        var lines = new List<Geometry>();
        foreach (var cell in builder.GetSubdivision().GetVoronoiCellPolygons(Metric))
        {
            if (cell is Polygon p && !p.IsEmpty) lines.Add(metres.Unproject(p.ExteriorRing, GeoFactory.Wgs84));
        }
        return lines;
    }

    private static int NearestSite(List<Site> sites, double x, double y, int group)
    {
        var best = -1;
        var bestD = double.PositiveInfinity;
        for (var pass = 0; pass < 2 && best < 0; pass++)
        {
            for (var s = 0; s < sites.Count; s++)
            {
                // First among the sites of the face's piece group; any site when the group has none.
                if (pass == 0 && group >= 0 && sites[s].Group != group) continue;
                var dx = sites[s].X - x;
                var dy = sites[s].Y - y;
                var d = dx * dx + dy * dy;
                if (d < bestD)
                {
                    bestD = d;
                    best = s;
                }
            }
        }
        return best;
    }

    private static List<int>[] Regroup(int[] label, int unitCount)
    {
        var facesOf = new List<int>[unitCount];
        for (var u = 0; u < unitCount; u++) facesOf[u] = [];
        for (var i = 0; i < label.Length; i++)
        {
            if (label[i] >= 0) facesOf[label[i]].Add(i);
        }
        return facesOf;
    }

    /// <summary>Within each piece of the grid, every unit keeps one connected part: its others go to their best neighbour.</summary>
    private static void KeepOnePiece(FaceCoverage fc, int[] label, List<int>[] facesOf, int[] ownerSite, List<Site> sites)
    {
        for (var round = 0; round < 16; round++)
        {
            var changed = false;
            for (var u = 0; u < facesOf.Length; u++)
            {
                if (facesOf[u].Count < 2) continue;
                var parts = fc.Components(facesOf[u]);
                if (parts.Count < 2) continue;
                foreach (var inPiece in parts.GroupBy(p => fc.Piece[p[0]]).Where(x => x.Count() > 1))
                {
                    // The part holding most of the unit's households stays: a site counts once, in the part holding its faces.
                    var ranked = inPiece.OrderByDescending(p => p.Where(i => sites[ownerSite[i]].Unit == u).Select(i => ownerSite[i]).Distinct()
                            .Sum(s => sites[s].Households))
                        .ThenByDescending(p => p.Sum(i => fc.AreaM2[i])).ToList();
                    foreach (var stray in ranked.Skip(1))
                    {
                        var target = fc.MostSharedLabel(stray, label, u);
                        if (target < 0) continue;
                        foreach (var i in stray) label[i] = target;
                        changed = true;
                    }
                }
            }
            if (!changed) return;
            var regrouped = Regroup(label, facesOf.Length);
            Array.Copy(regrouped, facesOf, facesOf.Length);
        }
    }


    /// <summary>A unit with no face takes the face nearest its sites that a neighbour can give without falling apart.</summary>
    private static void GiveFacesToEmptyUnits(FaceCoverage fc, int[] label, List<int>[] facesOf, List<Site> sites, LocalMetres metres)
    {
        for (var u = 0; u < facesOf.Length; u++)
        {
            if (facesOf[u].Count > 0) continue;
            var own = sites.Where(s => s.Unit == u).ToList();
            if (own.Count == 0) continue;
            var byDistance = Enumerable.Range(0, label.Length).Where(i => label[i] >= 0 && facesOf[label[i]].Count > 1)
                .OrderBy(i =>
                {
                    var c = fc.Faces[i].InteriorPoint.Coordinate;
                    return own.Min(s => Math.Pow(metres.X(c.X) - s.X, 2) + Math.Pow(metres.Y(c.Y) - s.Y, 2));
                });
            foreach (var i in byDistance)
            {
                var donor = label[i];
                var rest = facesOf[donor].Where(f => f != i).ToList();
                if (fc.Components(rest).Count > fc.Components(facesOf[donor]).Count) continue;
                facesOf[donor] = rest;
                facesOf[u] = [i];
                label[i] = u;
                break;
            }
        }
    }
}

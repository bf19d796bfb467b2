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
/// boundary and the cut lines (the Voronoi edges of the places where units stand) are noded once by snap-rounding at
/// <see cref="GridPrecision"/> and polygonized (<see cref="FaceCoverage"/>); each face is labelled with the unit of its
/// nearest place, and a unit's outline is the exact coverage union of its faces, so neighbouring units share identical
/// edges and every vertex lies on the 1e-7° grid.
/// <para>
/// A <em>place</em> is a building's location. Where several units share it (the floors of a tower, buildings at one point),
/// lines across its cell (within the grid) cut it into strips of equal width, one per unit in code order, west to east or
/// north to south. A location
/// outside the grid (a stair unit of a building the plan split) is moved to the nearest point inside. In a grid of several
/// pieces (an exclave) a face only takes a unit of its own piece group.
/// </para>
/// The labelling keeps each unit in one piece: a part of a unit cut off from the part holding most of its households (the
/// grid is not convex, or snapping closed a neck) goes to a neighbouring unit; a unit whose sites own no face takes the
/// nearest face a neighbour can spare without falling apart. When the part holds the location of some of the unit's
/// buildings (buildings whole in the unit), their households go with it where the size bounds allow, to the neighbour
/// sharing most edge among those that can take them (<see cref="Moved"/>): a point lookup at the building then names its
/// households' unit. Otherwise the part goes to the neighbour sharing most edge; the building joins it later if the bounds
/// allow, or is traded for a building of that unit bordering its own (<see cref="TradeStranded"/>), else its households stay.
/// </summary>
internal static class LiaisonFaceOutliner
{
    private static readonly GeometryFactory Metric = new(new PrecisionModel(), 0);

    /// <param name="grid">The grid polygon (WGS84).</param>
    /// <param name="metres">The grid's local metres (those of <paramref name="locations"/>).</param>
    /// <param name="locations">The location of each building (by rank) in metres.</param>
    /// <param name="groupOfBuilding">The piece group of each building (by rank).</param>
    /// <param name="groupOfPiece">The piece group of each polygon of <paramref name="grid"/>; -1 for a piece no group holds.</param>
    /// <param name="unitsOfBuilding">The units (by index) holding households of each building, with those households.</param>
    /// <param name="bounds">The size bounds (households) of each unit, one per unit: a unit in them stays in them when
    /// buildings move, one outside gets no further out.</param>
    /// <returns>Each unit's outline (a Polygon, or a MultiPolygon whose parts lie in different pieces of the grid), and the
    /// buildings that moved to another unit with the part holding their location.</returns>
    public static (Geometry[] Outlines, List<Moved> Moves) Outline(Geometry grid, LocalMetres metres, IReadOnlyList<(double X, double Y)> locations,
        IReadOnlyList<int> groupOfBuilding, IReadOnlyList<int> groupOfPiece, IReadOnlyList<List<(int Unit, int Households)>> unitsOfBuilding,
        IReadOnlyList<(int Min, int Max)> bounds)
    {
        var unitCount = bounds.Count;
        var (places, sites, gridM, placeOf) = Places(grid, metres, locations, groupOfBuilding, unitsOfBuilding);
        var strips = new Strips[places.Count];
        var lines = unitCount > 1 ? CutLines(gridM, metres, places, strips) : [];
        var fc = FaceCoverage.Build(grid, [], lines);

        var label = new int[fc.Faces.Count];
        var ownerSite = new int[fc.Faces.Count];
        for (var i = 0; i < label.Length; i++)
        {
            var probe = fc.Faces[i].InteriorPoint.Coordinate;
            var group = fc.Piece[i] >= 0 && fc.Piece[i] < groupOfPiece.Count ? groupOfPiece[fc.Piece[i]] : -1;
            ownerSite[i] = SiteAt(places, strips, metres.X(probe.X), metres.Y(probe.Y), group);
            label[i] = ownerSite[i] < 0 ? -1 : sites[ownerSite[i]].Unit;
        }
        var facesOf = Regroup(label, unitCount);
        var facesOfSite = Regroup(ownerSite, sites.Count);
        var members = new SiteUnits(sites, PointFaces(fc, facesOfSite, places, metres), unitCount, bounds);
        KeepOnePiece(fc, label, facesOf, ownerSite, members);
        GiveFacesToEmptyUnits(fc, label, facesOf, places, sites, metres, members);
        members.FollowLabels(label);
        TradeStranded(fc, label, facesOf, facesOfSite, members);
        var moves = new List<Moved>();
        for (var b = 0; b < placeOf.Length; b++)
        {
            if (placeOf[b] < 0 || places[placeOf[b]].Units.Count != 1) continue;
            var site = places[placeOf[b]].FirstSite;
            if (members.UnitOf[site] != sites[site].Unit) moves.Add(new Moved(b, sites[site].Unit, members.UnitOf[site]));
        }
        return (facesOf.Select(f => fc.Outline(f)).ToArray(), moves);
    }

    /// <summary>A building whose households all move from unit <see cref="From"/> to unit <see cref="To"/>.</summary>
    public readonly record struct Moved(int Building, int From, int To);

    /// <summary>
    /// For each site alone at its place (a place of one unit), the face holding the place's location among the faces it
    /// owns; -1 for the others (a tower's strips share a point by nature).
    /// </summary>
    private static int[] PointFaces(FaceCoverage fc, List<int>[] facesOfSite, List<Place> places, LocalMetres metres)
    {
        var result = new int[facesOfSite.Length];
        Array.Fill(result, -1);
        foreach (var place in places)
        {
            var faces = facesOfSite[place.FirstSite];
            if (place.Units.Count != 1 || faces.Count == 0) continue;
            if (faces.Count == 1) { result[place.FirstSite] = faces[0]; continue; }
            var at = GeoFactory.Wgs84.CreatePoint(new Coordinate(metres.Lon(place.X), metres.Lat(place.Y)));
            result[place.FirstSite] = faces.FirstOrDefault(i => fc.Faces[i].Covers(at), -1);
        }
        return result;
    }

    /// <summary>
    /// The unit each site's households are in while parts are handed over, each unit's households, and the face holding
    /// the location of each site alone at its place (<see cref="PointFaces"/>).
    /// </summary>
    private sealed class SiteUnits
    {
        private readonly List<Site> _sites;
        private readonly int[] _pointFace;
        private readonly IReadOnlyList<(int Min, int Max)> _bounds;

        public SiteUnits(List<Site> sites, int[] pointFace, int unitCount, IReadOnlyList<(int Min, int Max)> bounds)
        {
            _sites = sites;
            _pointFace = pointFace;
            _bounds = bounds;
            UnitOf = sites.Select(s => s.Unit).ToArray();
            Size = new int[unitCount];
            foreach (var site in sites) Size[site.Unit] += site.Households;
        }

        public int[] UnitOf { get; }
        public int[] Size { get; }

        /// <summary>The sites of unit <paramref name="unit"/> whose location lies in one of <paramref name="faces"/>.</summary>
        public List<int> LocatedIn(IReadOnlyCollection<int> faces, int unit)
        {
            var set = faces as ISet<int> ?? faces.ToHashSet();
            return Enumerable.Range(0, _pointFace.Length).Where(s => UnitOf[s] == unit && _pointFace[s] >= 0 && set.Contains(_pointFace[s])).ToList();
        }

        /// <summary>Whether <paramref name="households"/> can leave unit <paramref name="from"/> for <paramref name="to"/> within the bounds.</summary>
        public bool CanMove(int from, int to, int households) =>
            households < Size[from] && Stays(from, Size[from] - households) && Stays(to, Size[to] + households);

        /// <summary>Whether site <paramref name="s"/> can go to its unit's neighbour <paramref name="to"/> while site <paramref name="t"/> of it comes back, within the bounds.</summary>
        public bool CanTrade(int s, int t, int to)
        {
            var (from, net) = (UnitOf[s], _sites[s].Households - _sites[t].Households);
            return Stays(from, Size[from] - net) && Stays(to, Size[to] + net);
        }

        /// <summary>The sites alone at their place whose location lies in a face of another unit, with that unit.</summary>
        public List<(int Site, int To)> Stranded(int[] label) => Enumerable.Range(0, _pointFace.Length)
            .Where(s => _pointFace[s] >= 0 && label[_pointFace[s]] >= 0 && label[_pointFace[s]] != UnitOf[s])
            .Select(s => (s, label[_pointFace[s]])).ToList();

        /// <summary>The face holding the location of site <paramref name="s"/> (-1 for a site sharing its place).</summary>
        public int PointFace(int s) => _pointFace[s];

        public int HouseholdsOf(int s) => _sites[s].Households;

        public void Move(IEnumerable<int> sites, int to)
        {
            foreach (var s in sites)
            {
                Size[UnitOf[s]] -= _sites[s].Households;
                Size[to] += _sites[s].Households;
                UnitOf[s] = to;
            }
        }


        /// <summary>
        /// Once the labels are final: a site whose location lies in a face of another unit (handed over with a part that
        /// held no household of it, or to a unit that could not take them then) joins that unit where the bounds allow now.
        /// </summary>
        public void FollowLabels(int[] label)
        {
            for (var s = 0; s < _pointFace.Length; s++)
            {
                if (_pointFace[s] < 0) continue;
                var to = label[_pointFace[s]];
                if (to >= 0 && to != UnitOf[s] && CanMove(UnitOf[s], to, _sites[s].Households)) Move([s], to);
            }
        }

        /// <summary>The households a unit's part holds: a site counts once, in the part holding its faces.</summary>
        public int HeldBy(IEnumerable<int> faces, int[] ownerSite, int unit) =>
            faces.Where(i => ownerSite[i] >= 0 && UnitOf[ownerSite[i]] == unit).Select(i => ownerSite[i]).Distinct().Sum(s => _sites[s].Households);

        // A unit in its bounds stays in them; one outside them gets no further out.
        private bool Stays(int unit, int next)
        {
            var (min, max) = _bounds[unit];
            int Distance(int size) => size < min ? min - size : Math.Max(0, size - max);
            return Distance(next) == 0 || (Distance(Size[unit]) > 0 && Distance(next) <= Distance(Size[unit]));
        }
    }

    /// <summary>
    /// A place where units stand, in metres: a building's location (buildings within a centimetre of each other share one),
    /// its piece group, and its units with their households. Several units share the place's Voronoi cell as strips of
    /// equal width, in the order of their codes.
    /// </summary>
    private sealed record Place(double X, double Y, int Group, List<(int Unit, int Households)> Units, int FirstSite);

    /// <summary>
    /// How a place's cell (within the grid) is cut among its units: strips of equal width across the longer side of the
    /// cell's extent, west to east or north to south. A connected region meets every strip of its own extent.
    /// </summary>
    private readonly record struct Strips(bool AlongX, double Min, double Step);

    /// <summary>One unit at one place (a strip of the place's cell when the place has several units).</summary>
    private readonly record struct Site(int Place, int Unit, int Households);

    private static (List<Place> Places, List<Site> Sites, Geometry GridM, int[] PlaceOf) Places(Geometry grid, LocalMetres metres, IReadOnlyList<(double X, double Y)> locations,
        IReadOnlyList<int> groupOfBuilding, IReadOnlyList<List<(int Unit, int Households)>> unitsOfBuilding)
    {
        var gridM = metres.Project(grid, Metric);
        var prepared = PreparedGeometryFactory.Prepare(gridM);
        // Locations within a centimetre of each other are one place (once moved inside the grid: two buildings outside
        // may be moved to one point).
        var byLocation = new Dictionary<(long, long), (double X, double Y, int Group, List<(int Unit, int Households)> Units)>();
        var order = new List<(long, long)>();
        var keyOf = new (long, long)?[locations.Count];
        for (var b = 0; b < locations.Count; b++)
        {
            if (unitsOfBuilding[b].Count == 0) continue;
            var c = Inside(gridM, prepared, locations[b].X, locations[b].Y);
            var key = ((long)Math.Round(c.X * 100), (long)Math.Round(c.Y * 100));
            keyOf[b] = key;
            if (!byLocation.TryGetValue(key, out var at))
            {
                byLocation[key] = at = (c.X, c.Y, groupOfBuilding[b], []);
                order.Add(key);
            }
            foreach (var (unit, households) in unitsOfBuilding[b])
            {
                var k = at.Units.FindIndex(u => u.Unit == unit);
                if (k < 0) at.Units.Add((unit, households));
                else at.Units[k] = (unit, at.Units[k].Households + households);
            }
        }
        var places = new List<Place>();
        var sites = new List<Site>();
        var placeOfKey = new Dictionary<(long, long), int>();
        foreach (var key in order)
        {
            var l = byLocation[key];
            placeOfKey[key] = places.Count;
            places.Add(new Place(l.X, l.Y, l.Group, l.Units, sites.Count));
            foreach (var (unit, households) in l.Units) sites.Add(new Site(places.Count - 1, unit, households));
        }
        return (places, sites, gridM, keyOf.Select(k => k is { } key ? placeOfKey[key] : -1).ToArray());
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

    /// <summary>
    /// The cut lines, in WGS84: the Voronoi edges of the places (as the rings of their cells) and, at a place of several
    /// units, the lines between its strips (<paramref name="strips"/> receives each place's strips).
    /// </summary>
    private static List<Geometry> CutLines(Geometry gridM, LocalMetres metres, List<Place> places, Strips[] strips)
    {
        var envelope = new Envelope(gridM.EnvelopeInternal);
        foreach (var p in places) envelope.ExpandToInclude(p.X, p.Y);
        envelope.ExpandBy(Math.Max(envelope.Width, envelope.Height) * 0.1 + 10);
        var cells = new Geometry?[places.Count];
        var lines = new List<Geometry>();
        // Places are distinct points (buildings within a centimetre are one place), so each is one Voronoi site.
        if (places.Count > 1)
        {
            var sites = places.Select(p => new Coordinate(p.X, p.Y)).ToList();
            var index = new Dictionary<Coordinate, int>();
            for (var i = 0; i < sites.Count; i++) index[sites[i]] = i;
            var builder = new VoronoiDiagramBuilder { ClipEnvelope = envelope };
            builder.SetSites(sites);
            foreach (var cell in builder.GetSubdivision().GetVoronoiCellPolygons(Metric))
            {
                if (cell is not Polygon p || p.IsEmpty) continue;
                lines.Add(metres.Unproject(p.ExteriorRing, GeoFactory.Wgs84));
                if (p.UserData is Coordinate site && index.TryGetValue(site, out var owner)) cells[owner] = p;
            }
        }
        for (var i = 0; i < places.Count; i++)
        {
            var k = places[i].Units.Count;
            if (k < 2) continue;
            // The strips cut the part of the cell (within the grid) around the place: a connected part, so that each strip
            // meets it (a cell cut by a winding grid may fall into parts, and a strip across a gap between them would be empty).
            var inGrid = cells[i] is { } cell ? OverlayNGRobust.Overlay(cell, gridM, SpatialFunction.Intersection) : gridM;
            var at0 = Metric.CreatePoint(new Coordinate(places[i].X, places[i].Y));
            var part = Enumerable.Range(0, inGrid.NumGeometries).Select(inGrid.GetGeometryN).Where(g => g is Polygon && !g.IsEmpty)
                .OrderBy(g => g.Distance(at0)).ThenByDescending(g => g.Area).FirstOrDefault();
            var extent = part is null ? new Envelope(places[i].X - 1, places[i].X + 1, places[i].Y - 1, places[i].Y + 1) : part.EnvelopeInternal;
            var alongX = extent.Width >= extent.Height;
            strips[i] = alongX ? new Strips(true, extent.MinX, extent.Width / k) : new Strips(false, extent.MaxY, -extent.Height / k);
            for (var j = 1; j < k; j++)
            {
                var at = strips[i].Min + strips[i].Step * j;
                var cut = alongX
                    ? Metric.CreateLineString([new Coordinate(at, extent.MinY - 1), new Coordinate(at, extent.MaxY + 1)])
                    : Metric.CreateLineString([new Coordinate(extent.MinX - 1, at), new Coordinate(extent.MaxX + 1, at)]);
                lines.Add(metres.Unproject(cut, GeoFactory.Wgs84));
            }
        }
        return lines;
    }

    /// <summary>The site owning a point: the nearest place (of the face's piece group, when it has one), then its strip.</summary>
    private static int SiteAt(List<Place> places, Strips[] strips, double x, double y, int group)
    {
        var best = -1;
        var bestD = double.PositiveInfinity;
        for (var pass = 0; pass < 2 && best < 0; pass++)
        {
            for (var p = 0; p < places.Count; p++)
            {
                if (pass == 0 && group >= 0 && places[p].Group != group) continue;
                var dx = places[p].X - x;
                var dy = places[p].Y - y;
                var d = dx * dx + dy * dy;
                if (d < bestD)
                {
                    bestD = d;
                    best = p;
                }
            }
        }
        if (best < 0) return -1;
        var place = places[best];
        var k = place.Units.Count;
        if (k < 2) return place.FirstSite;
        var strip = strips[best];
        var j = (int)Math.Floor(((strip.AlongX ? x : y) - strip.Min) / strip.Step);
        return place.FirstSite + Math.Clamp(j, 0, k - 1);
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

    /// <summary>
    /// Within each piece of the grid, every unit keeps one connected part: its others go to a neighbour (with the households
    /// of buildings located in them where the bounds allow, <see cref="SiteUnits"/>). A stray part joins a unit it borders,
    /// so that unit gains no part, and the unit it left loses one: the parts beyond one per unit and piece fall with every
    /// hand-over, and the rounds end when none is left (a tower's strips across a ring-shaped grid hand their second halves
    /// around the ring, one neighbour per round, as often as there are faces).
    /// </summary>
    private static void KeepOnePiece(FaceCoverage fc, int[] label, List<int>[] facesOf, int[] ownerSite, SiteUnits members)
    {
        for (var round = 0; round <= fc.Faces.Count; round++)
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
                    var ranked = inPiece.OrderByDescending(p => members.HeldBy(p, ownerSite, u))
                        .ThenByDescending(p => p.Sum(i => fc.AreaM2[i])).ToList();
                    foreach (var stray in ranked.Skip(1))
                    {
                        var located = members.LocatedIn(stray, u);
                        var households = located.Sum(members.HouseholdsOf);
                        // The neighbour sharing most edge, or, with households located in the part, the one sharing most
                        // edge among those that can take them within the bounds.
                        var byEdge = fc.SharedLabels(stray, label, u);
                        var target = byEdge.Where(w => located.Count > 0 && members.CanMove(u, w, households)).Append(byEdge.FirstOrDefault(-1)).First();
                        if (target < 0) continue;
                        if (located.Count > 0 && members.CanMove(u, target, households)) members.Move(located, target);
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


    /// <summary>
    /// A building left standing in another unit's outline because that unit could not take its households within the bounds
    /// is traded: a building of that unit alone at its place, whose faces all border the first unit, goes the other way,
    /// faces and households, when both units then stay within the bounds and the giving unit keeps one part per piece (the
    /// closest in households first).
    /// </summary>
    private static void TradeStranded(FaceCoverage fc, int[] label, List<int>[] facesOf, List<int>[] facesOfSite, SiteUnits members)
    {
        var stranded = members.Stranded(label);
        foreach (var (s, to) in stranded)
        {
            var from = members.UnitOf[s];
            if (members.PointFace(s) < 0 || label[members.PointFace(s)] != to) continue;
            var candidates = Enumerable.Range(0, facesOfSite.Length)
                .Where(t => facesOfSite[t].Count > 0 && members.UnitOf[t] == to && members.PointFace(t) >= 0 && members.CanTrade(s, t, to))
                .Where(t => facesOfSite[t].All(i => label[i] == to) && facesOfSite[t].Any(i => fc.Neighbours[i].Keys.Any(j => label[j] == from)))
                .OrderBy(t => Math.Abs(members.HouseholdsOf(t) - members.HouseholdsOf(s))).ThenBy(t => t);
            foreach (var t in candidates)
            {
                var giving = facesOfSite[t].ToHashSet();
                var rest = facesOf[to].Where(i => !giving.Contains(i)).ToList();
                if (rest.Count == 0 || fc.Components(rest).Count > fc.Components(facesOf[to]).Count) continue;
                var taking = facesOf[from].Concat(giving).ToList();
                if (fc.Components(taking).Count > fc.Components(facesOf[from]).Count) continue;
                foreach (var i in giving) label[i] = from;
                facesOf[to] = rest;
                facesOf[from] = taking;
                members.Move([s], to);
                members.Move([t], from);
                break;
            }
        }
    }

    /// <summary>
    /// A unit with no face takes a face a neighbour can give without falling apart: one holding the location of a building of
    /// the unit first (its households then stand in their unit), else the nearest to its places.
    /// </summary>
    private static void GiveFacesToEmptyUnits(FaceCoverage fc, int[] label, List<int>[] facesOf, List<Place> places, List<Site> sites, LocalMetres metres,
        SiteUnits members)
    {
        var locatedIn = new Dictionary<int, int>();
        for (var s = 0; s < sites.Count; s++)
        {
            if (members.PointFace(s) >= 0) locatedIn[members.PointFace(s)] = s;
        }
        int Preference(int face, int unit) => locatedIn.TryGetValue(face, out var s) && members.UnitOf[s] == unit ? 0 : 1;
        for (var u = 0; u < facesOf.Length; u++)
        {
            if (facesOf[u].Count > 0) continue;
            var own = sites.Where(s => s.Unit == u).Select(s => places[s.Place]).ToList();
            if (own.Count == 0) continue;
            var byDistance = Enumerable.Range(0, label.Length).Where(i => label[i] >= 0 && facesOf[label[i]].Count > 1)
                .OrderBy(i => Preference(i, u)).ThenBy(i =>
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

using GridGeo.Core.Coverage;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Triangulate;

namespace GridGeo.Core.Editing;

/// <summary>
/// Moves member buildings from one basic grid (the origin) to a neighbouring basic grid (the target) of the same community,
/// and redraws the two boundaries. The two grids together keep exactly the area they had (the union
/// of the old boundaries), so the community stays tiled with no gap or overlap; inside it the line
/// between them is redrawn as the union of the members' Voronoi cells (the area nearer to a grid's
/// building than to any building of the other grid). A move is refused, naming the failed rule, when
/// the grids are not neighbours, a building is not a member, a grid would be emptied, or a result
/// would fall into more pieces than the grid had.
/// </summary>
public static class BuildingMover
{
    /// <summary>Pieces smaller than this share of the two grids' area are overlay noise, not pieces.</summary>
    private const double SliverShare = 1e-9;

    public static BuildingMoveResult Move(
        Grid origin,
        Grid target,
        IReadOnlyCollection<string> buildingIds,
        IReadOnlyDictionary<string, Building> buildings)
    {
        var rule = CheckRules(origin, target, buildingIds, buildings);
        if (rule is not null) return BuildingMoveResult.Fail(rule);

        var moving = buildingIds.ToHashSet(StringComparer.Ordinal);
        var fromMembers = origin.Buildings.Where(b => !moving.Contains(b)).ToList();
        var toMembers = target.Buildings.Concat(origin.Buildings.Where(moving.Contains)).ToList();

        var owner = new Dictionary<Coordinate, bool>();
        var firstAt = new Dictionary<Coordinate, string>();
        foreach (var (members, isFrom) in new[] { (fromMembers, true), (toMembers, false) })
        {
            foreach (var member in members)
            {
                var c = buildings[BaseId(member)].Location.Coordinate.Copy();
                if (owner.TryGetValue(c, out var was) && was != isFrom)
                    return BuildingMoveResult.Fail($"buildings {firstAt[c]} and {member} stand on the same point but would be in different grids");
                owner[c] = isFrom;
                firstAt.TryAdd(c, member);
            }
        }

        // One overlay engine on the 1e-7° grid (GridOverlay): the two shapes share their new edge exactly; the edit gate then
        // puts them on the community's face coverage.
        var union = GridOverlay.Union([origin.Boundary, target.Boundary]);
        var fromShape = GridOverlay.Intersection(NearerArea(owner, union.EnvelopeInternal), union);
        var toShape = GridOverlay.Difference(union, fromShape, GridPrecision.Model);
        var minArea = union.Area * SliverShare;
        var newFrom = Polygonal(fromShape, minArea);
        var newTo = Polygonal(toShape, minArea);

        foreach (var (grid, shape) in new[] { (origin, newFrom), (target, newTo) })
        {
            var allowed = Math.Max(1, Polygonal(grid.Boundary, minArea).NumGeometries);
            if (shape.IsEmpty) return BuildingMoveResult.Fail($"grid {grid.Code} would have no area left");
            if (shape.NumGeometries > allowed)
                return BuildingMoveResult.Fail($"grid {grid.Code} would fall into {shape.NumGeometries} pieces; a grid must stay one polygon");
        }

        var moved = moving.Sum(id => buildings[id].Households);
        return new BuildingMoveResult(
            origin with { Households = origin.Households - moved, Buildings = fromMembers, Boundary = newFrom },
            target with { Households = target.Households + moved, Buildings = toMembers, Boundary = newTo },
            moved,
            null);
    }

    private static string? CheckRules(Grid origin, Grid target, IReadOnlyCollection<string> ids, IReadOnlyDictionary<string, Building> buildings)
    {
        if (origin.Code == target.Code) return $"buildings move to another grid, not back into {origin.Code}";
        if (origin.CommunityCode != target.CommunityCode)
            return $"grid {target.Code} is in community {target.CommunityCode}, not {origin.CommunityCode}: a grid never crosses a community line";
        foreach (var g in new[] { origin, target })
        {
            if (g.Kind != GridKinds.Basic)
                return $"grid {g.Code} is a {g.Kind} grid: buildings move only between basic grids (a dedicated grid is its area's buildings)";
        }
        // Interiors apart, boundaries sharing a line: neighbours, not merely corners touching.
        if (!origin.Boundary.Relate(target.Boundary, "F***1****"))
            return $"grid {target.Code} is not a neighbour of {origin.Code} (they share no border)";
        if (ids.Count == 0) return "a move names at least one building";
        var members = origin.Buildings.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id)) return $"building {id} is named twice";
            if (!members.Contains(id)) return $"building {id} is not a member of grid {origin.Code}";
            if (id.Contains('#')) return $"building {id} is one stair unit of a split building; only whole buildings move";
        }
        if (seen.Count == origin.Buildings.Count) return $"grid {origin.Code} would be left with no building";
        foreach (var member in origin.Buildings.Concat(target.Buildings))
        {
            if (!buildings.ContainsKey(BaseId(member))) return $"building {member} has no stored location";
        }
        return null;
    }

    private static string BaseId(string member)
    {
        var hash = member.IndexOf('#');
        return hash < 0 ? member : member[..hash];
    }

    /// <summary>
    /// The area nearer to a site owned by the origin (true) than to any other site, around <paramref name="area"/> (the
    /// caller clips it). Longitudes are scaled by cos(latitude) first so that cells are drawn in near-metric units.
    /// </summary>
    private static Geometry NearerArea(IReadOnlyDictionary<Coordinate, bool> owner, Envelope area)
    {
        var centre = area.Centre;
        var scale = Math.Cos(centre.Y * Math.PI / 180.0);
        var back = AffineTransformation.ScaleInstance(1.0 / scale, 1.0);

        var sites = owner.Keys.Select(c => new Coordinate(c.X * scale, c.Y)).ToList();
        var ownerOf = owner.ToDictionary(kv => new Coordinate(kv.Key.X * scale, kv.Key.Y), kv => kv.Value);
        // Scaling by a positive factor keeps the order of coordinates, so the scaled envelope is the envelope of the scaled shape.
        var clip = new Envelope(area.MinX * scale, area.MaxX * scale, area.MinY, area.MaxY);
        clip.ExpandBy(Math.Max(clip.Width, clip.Height));

        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites);
        builder.ClipEnvelope = clip;
        var cells = builder.GetDiagram(GeoFactory.Wgs84);
        var mine = new List<Polygon>();
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            if (cells.GetGeometryN(i) is Polygon { UserData: Coordinate site } cell && ownerOf.TryGetValue(site, out var isFrom) && isFrom) mine.Add(cell);
        }
        // The cells are a Voronoi diagram (an exact coverage): their union is a coverage union.
        var nearer = GridOverlay.UnionCells(mine, GeoFactory.Wgs84);
        return back.Transform(nearer);
    }

    /// <summary>The polygons of a geometry, dropping slivers below <paramref name="minArea"/>.</summary>
    private static Geometry Polygonal(Geometry g, double minArea)
    {
        var parts = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is Polygon p && p.Area > minArea) parts.Add(p);
        }
        return parts.Count switch
        {
            0 => GeoFactory.Wgs84.CreatePolygon(),
            1 => parts[0],
            _ => GeoFactory.Wgs84.CreateMultiPolygon(parts.ToArray()),
        };
    }
}

using GridGeo.Core;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Bench.Liaison;

/// <summary>
/// Stand-in grid plans for the benchmark, so it does not depend on the partition engine: each community
/// is cut west→east into slabs of about <c>size</c> households (the community boundary clipped to the
/// slab), every building listed in the slab that holds it.
/// </summary>
internal static class SlabGrids
{
    public static List<Grid> Make(DistrictBundle bundle, int size)
    {
        var grids = new List<Grid>();
        var byCommunity = bundle.Buildings.Where(b => b.CommunityCode is not null && b.Households > 0)
            .GroupBy(b => b.CommunityCode!).ToDictionary(g => g.Key, g => g.OrderBy(b => b.Location.X).ThenBy(b => b.Id, StringComparer.Ordinal).ToList());
        foreach (var community in bundle.Communities)
        {
            if (!byCommunity.TryGetValue(community.Code, out var buildings)) continue;
            var env = community.Boundary.EnvelopeInternal;
            var chunks = new List<List<Building>> { new() };
            var count = 0;
            var total = buildings.Sum(b => b.Households);
            var slabs = Math.Max(1, (int)Math.Round((double)total / size));
            var per = (double)total / slabs;
            foreach (var b in buildings)
            {
                if (count >= per * chunks.Count && chunks.Count < slabs) chunks.Add([]);
                chunks[^1].Add(b);
                count += b.Households;
            }
            chunks.RemoveAll(c => c.Count == 0);
            var west = env.MinX - 0.001;
            for (var i = 0; i < chunks.Count; i++)
            {
                var east = i == chunks.Count - 1 ? env.MaxX + 0.001 : (chunks[i][^1].Location.X + chunks[i + 1][0].Location.X) / 2;
                var box = GeoFactory.Wgs84.ToGeometry(new Envelope(west, east, env.MinY - 0.001, env.MaxY + 0.001));
                var shape = community.Boundary.Intersection(box);
                west = east;
                if (shape is not (Polygon or MultiPolygon) || shape.IsEmpty) shape = box;
                grids.Add(new Grid(AdminCodes.Child(community.Code, i + 1), community.Code, GridKinds.Basic, null,
                    chunks[i].Sum(b => b.Households), chunks[i].Select(b => b.Id).ToList(), shape));
            }
        }
        return grids;
    }
}

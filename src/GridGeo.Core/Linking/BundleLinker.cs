using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace GridGeo.Core.Linking;

/// <summary>
/// Fills a bundle's missing links (contract §1): a building's community, compound and dedicated
/// area are the polygons that contain its point; a compound's or dedicated area's community is the
/// one that contains its interior point. Links given in the bundle are kept as they are.
/// </summary>
public static class BundleLinker
{
    public static DistrictBundle Link(DistrictBundle bundle)
    {
        var communities = new PolygonIndex<Community>(bundle.Communities, c => c.Boundary);
        var compounds = bundle.CompoundList
            .Select(c => c.CommunityCode is null ? c with { CommunityCode = communities.Find(c.Boundary.InteriorPoint)?.Code } : c)
            .ToList();
        var dedicated = bundle.DedicatedList
            .Select(d => d.CommunityCode is null ? d with { CommunityCode = communities.Find(d.Boundary.InteriorPoint)?.Code } : d)
            .ToList();
        var compoundIndex = new PolygonIndex<Compound>(compounds, c => c.Boundary);
        var dedicatedIndex = new PolygonIndex<DedicatedArea>(dedicated, d => d.Boundary);

        var buildings = new List<Building>(bundle.Buildings.Count);
        foreach (var b in bundle.Buildings)
        {
            buildings.Add(b with
            {
                CommunityCode = b.CommunityCode ?? communities.Find(b.Location)?.Code,
                CompoundId = b.CompoundId ?? compoundIndex.Find(b.Location)?.Id,
                DedicatedId = b.DedicatedId ?? dedicatedIndex.Find(b.Location)?.Id,
            });
        }

        return bundle with { Buildings = buildings, Compounds = compounds, DedicatedAreas = dedicated };
    }

    /// <summary>Finds the first polygon (in input order) that covers a point.</summary>
    private sealed class PolygonIndex<T>
        where T : class
    {
        private readonly STRtree<(int Order, T Item, IPreparedGeometry Shape)> _tree = new();
        private readonly bool _empty;

        public PolygonIndex(IEnumerable<T> items, Func<T, Geometry> shape)
        {
            var order = 0;
            foreach (var item in items)
            {
                var g = shape(item);
                _tree.Insert(g.EnvelopeInternal, (order++, item, PreparedGeometryFactory.Prepare(g)));
            }
            _empty = order == 0;
            if (!_empty) _tree.Build();
        }

        public T? Find(Geometry point)
        {
            if (_empty) return null;
            return _tree.Query(point.EnvelopeInternal)
                .Where(c => c.Shape.Covers(point))
                .OrderBy(c => c.Order)
                .Select(c => c.Item)
                .FirstOrDefault();
        }
    }
}

using System.Globalization;
using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using Barrier = GridGeo.Core.Model.Barrier;

namespace GridGeo.Core.Generation;

/// <summary>
/// Collects what the generator makes, in metres around the district centre, and turns it into WGS84
/// model records: communities, buildings with their household rows and door-plate addresses,
/// compounds, dedicated areas and barriers.
/// </summary>
internal sealed class DistrictAssembly
{
    private const double MetresPerDegreeLat = 110_574;
    private static readonly string[] Rooms = BuildRooms();

    private readonly AffineTransformation _toWgs84;
    private readonly double _lon0, _lat0, _degPerMetreX, _degPerMetreY;
    private readonly bool _includeHouseholds;

    /// <summary>The scale from the district's metres to degrees of latitude.</summary>
    public const double DegreesPerMetreY = 1 / MetresPerDegreeLat;

    /// <summary>The scale from the district's metres to degrees of longitude, for a district centred at <paramref name="centerLat"/>.</summary>
    public static double DegreesPerMetreX(double centerLat) => 1 / (111_320 * Math.Cos(centerLat * Math.PI / 180));

    public GeometryFactory Metric { get; } = new(new PrecisionModel(), 0);
    public List<Community> Communities { get; } = [];
    public List<Building> Buildings { get; } = [];
    public List<Household>? Households { get; }
    public List<Compound> Compounds { get; } = [];
    public List<DedicatedArea> DedicatedAreas { get; } = [];
    public List<Barrier> Barriers { get; } = [];
    public BarrierClearance Clearance { get; } = new();
    public string RegionPrefix { get; }

    /// <summary>Roads and compounds named so far: the next name's index, so names stay unique in the district.</summary>
    public int RoadCount { get; set; }
    public int CompoundCount { get; set; }

    public DistrictAssembly(DistrictGeneratorOptions options)
    {
        _lon0 = options.CenterLon;
        _lat0 = options.CenterLat;
        _degPerMetreY = DegreesPerMetreY;
        _degPerMetreX = DegreesPerMetreX(options.CenterLat);
        _toWgs84 = AffineTransformation.ScaleInstance(_degPerMetreX, _degPerMetreY).Translate(_lon0, _lat0);
        _includeHouseholds = options.IncludeHouseholds;
        Households = options.IncludeHouseholds ? new List<Household>(options.Households + options.Households / 20) : null;
        RegionPrefix = ChineseNames.RegionPrefix(options.CountyCode);
    }

    /// <summary>
    /// A metric geometry in WGS84 on <see cref="GridPrecision"/>: moved by the affine transform, then snapped once by
    /// snap-rounding (<see cref="GridPrecision.Snap(Geometry)"/>), which keeps a polygon valid — never rounded vertex by
    /// vertex, which can make a ring cross itself. Polygons get RFC 7946 ring order.
    /// </summary>
    public Geometry ToWgs84(Geometry metric)
    {
        // The snapped copy is made by the plain WGS84 factory, as a bundle reader would: its coordinates are on the grid.
        var g = GeoFactory.Wgs84.CreateGeometry(GridPrecision.Snap(GeoFactory.Wgs84.CreateGeometry(_toWgs84.Transform(metric))));
        return g switch
        {
            Polygon p => Oriented(p),
            MultiPolygon mp => GeoFactory.Wgs84.CreateMultiPolygon(mp.Geometries.Cast<Polygon>().Select(Oriented).ToArray()),
            _ => g,
        };
    }

    /// <summary>RFC 7946 ring order: exterior counter-clockwise, holes clockwise.</summary>
    private static Polygon Oriented(Polygon p)
    {
        LinearRing Ring(LineString ring, bool ccw)
        {
            var cs = ring.Coordinates;
            if (NetTopologySuite.Algorithm.Orientation.IsCCW(cs) != ccw) Array.Reverse(cs);
            return GeoFactory.Wgs84.CreateLinearRing(cs);
        }
        return GeoFactory.Wgs84.CreatePolygon(Ring(p.ExteriorRing, true), p.InteriorRings.Select(h => Ring(h, false)).ToArray());
    }

    public void AddBarrier(string kind, Coordinate[] metricLine, double keepOff, bool districtWide)
    {
        if (districtWide) Clearance.AddDistrictLine(metricLine, keepOff);
        else Clearance.AddLocalLine(metricLine, keepOff);
        Barriers.Add(new Barrier(kind, ToWgs84(Metric.CreateLineString(metricLine))));
    }

    /// <summary>
    /// Adds a building of <paramref name="units"/> stair units × <paramref name="floors"/> floors ×
    /// <paramref name="flatsPerFloor"/> flats (filled unit by unit, floor by floor up to
    /// <paramref name="households"/>), with rows addressed "…{address}{unit}单元{room}室".
    /// </summary>
    public Building AddFlats(string id, Coordinate metric, int households, int units, int floors, int flatsPerFloor,
        string communityCode, string? compoundId, string? dedicatedId, string streetPrefix, string address)
    {
        var building = NewBuilding(id, metric, households, units, floors, communityCode, compoundId, dedicatedId, address);
        if (Households is null) return building;
        var fullPrefix = streetPrefix + address;
        var n = 0;
        for (var u = 1; u <= units && n < households; u++)
        {
            for (var f = 1; f <= floors && n < households; f++)
            {
                for (var k = 1; k <= flatsPerFloor && n < households; k++)
                {
                    var room = Room(f, k);
                    n++;
                    Households.Add(new Household(HouseholdId(id, n), id, u, f, room, building.Location.X, building.Location.Y,
                        string.Concat(fullPrefix, UnitText(u), room, "室")));
                }
            }
        }
        return building;
    }

    /// <summary>A village house: one or two households, the second addressed "…号附1号".</summary>
    public Building AddHouse(string id, Coordinate metric, int households, string communityCode, string streetPrefix, string address)
    {
        var building = NewBuilding(id, metric, households, 1, households == 1 ? 2 : 3, communityCode, null, null, address);
        if (Households is null) return building;
        for (var n = 1; n <= households; n++)
        {
            var text = n == 1 ? streetPrefix + address : streetPrefix + address + "附" + (n - 1).ToString(CultureInfo.InvariantCulture) + "号";
            Households.Add(new Household(HouseholdId(id, n), id, 1, 1, n == 1 ? "" : "附" + (n - 1).ToString(CultureInfo.InvariantCulture), building.Location.X, building.Location.Y, text));
        }
        return building;
    }

    private Building NewBuilding(string id, Coordinate metric, int households, int units, int floors,
        string communityCode, string? compoundId, string? dedicatedId, string address)
    {
        var point = GeoFactory.Wgs84.CreatePoint(GridPrecision.Snap(new Coordinate(_lon0 + metric.X * _degPerMetreX, _lat0 + metric.Y * _degPerMetreY)));
        var building = new Building(id, point, households, units, floors, compoundId, communityCode, dedicatedId, address);
        Buildings.Add(building);
        return building;
    }

    private static string HouseholdId(string buildingId, int n) => buildingId + "-" + n.ToString("D3", CultureInfo.InvariantCulture);

    private static readonly string[] UnitTexts = Enumerable.Range(0, 10).Select(u => u.ToString(CultureInfo.InvariantCulture) + "单元").ToArray();

    private static string UnitText(int u) => u < UnitTexts.Length ? UnitTexts[u] : u.ToString(CultureInfo.InvariantCulture) + "单元";

    private static string Room(int floor, int flat) =>
        floor < 100 && flat < 10 ? Rooms[floor * 10 + flat] : floor.ToString(CultureInfo.InvariantCulture) + flat.ToString("D2", CultureInfo.InvariantCulture);

    private static string[] BuildRooms()
    {
        var rooms = new string[1000];
        for (var f = 0; f < 100; f++)
            for (var k = 0; k < 10; k++) rooms[f * 10 + k] = f.ToString(CultureInfo.InvariantCulture) + k.ToString("D2", CultureInfo.InvariantCulture);
        return rooms;
    }

    public bool IncludesHouseholds => _includeHouseholds;
}

using System.Globalization;
using GridGeo.Core;
using GridGeo.Core.Geo;
using GridGeo.Core.Geo.Crs;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace GridGeo.IO.Layers;

/// <summary>
/// Brings one layer's geometries to lon/lat: converts them from the layer's <see cref="ReferenceSystem"/> with
/// <see cref="CrsTransform"/> and checks that each lands where that system is meant to be used (within a degree of its
/// Gauss-Krüger band, in China's latitudes) — which catches swapped x/y and a wrong zone code — or, with no system,
/// that the coordinates already are lon/lat, refusing the layer otherwise. Polygon shells come out counter-clockwise
/// and holes clockwise, as in RFC 7946.
/// </summary>
public sealed class LayerProjector
{
    private readonly CrsTransform? _transform;
    private readonly string _layer;

    /// <param name="system">The layer's system; null when it declares none (then it must be lon/lat).</param>
    /// <param name="layer">How errors name the layer, e.g. "buildings.shp".</param>
    public LayerProjector(ReferenceSystem? system, string layer)
    {
        System = system;
        _layer = layer;
        _transform = system is null || system.IsGeographic ? null : CrsTransform.ToLonLat(system);
    }

    public ReferenceSystem? System { get; }

    /// <summary>
    /// <paramref name="geometry"/> in lon/lat (SRID 4326), polygons oriented; <paramref name="item"/> names the feature
    /// in errors.
    /// </summary>
    public Geometry ToLonLat(Geometry geometry, string item)
    {
        Geometry result;
        if (_transform is null)
        {
            foreach (var c in geometry.Coordinates) RequireLonLat(c.X, c.Y, item);
            result = geometry.SRID == GeoFactory.Wgs84Srid ? geometry : GeoFactory.Wgs84.CreateGeometry(geometry);
        }
        else
        {
            result = _transform.Apply(geometry);
            var original = geometry.Coordinates;
            var converted = result.Coordinates;
            for (var i = 0; i < converted.Length; i++) RequireInBand(original[i].X, original[i].Y, converted[i].X, converted[i].Y, item);
        }
        return Orient(result);
    }

    /// <summary>One point's x, y in lon/lat, checked as <see cref="ToLonLat(Geometry,string)"/> checks geometries.</summary>
    public (double Lon, double Lat) ToLonLat(double x, double y, string item)
    {
        if (_transform is null)
        {
            RequireLonLat(x, y, item);
            return (x, y);
        }
        var (lon, lat) = _transform.Apply(x, y);
        RequireInBand(x, y, lon, lat, item);
        return (lon, lat);
    }

    private void RequireLonLat(double x, double y, string item)
    {
        if (x is >= -180 and <= 180 && y is >= -90 and <= 90) return;
        throw new BadInputException(_layer, item,
            $"coordinate ({N(x)}, {N(y)}) is not lon/lat and the layer names no coordinate reference system; " +
            $"add its .prj (shapefile) or give --crs EPSG:NNNN ({ReferenceSystems.Accepted})");
    }

    private void RequireInBand(double x, double y, double lon, double lat, string item)
    {
        var system = System!;
        var half = system.ZoneWidth / 2.0 + 1.0;
        var cm = system.CentralMeridian!.Value;
        if (double.IsFinite(lon) && double.IsFinite(lat) && Math.Abs(lon - cm) <= half && lat is >= 0 and <= 60) return;
        throw new BadInputException(_layer, item,
            $"coordinate (x {N(x)}, y {N(y)}) in {system.Code} lies at lon {N(lon)}, lat {N(lat)}, outside that zone's band " +
            $"({N(cm - system.ZoneWidth / 2.0)}–{N(cm + system.ZoneWidth / 2.0)}°E, China's latitudes); is x the easting and y the northing, " +
            "and is the coordinate reference system the right one?");
    }

    private static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Shells counter-clockwise, holes clockwise (RFC 7946), whatever the source wrote (a shapefile writes shells clockwise).</summary>
    public static Geometry Orient(Geometry g) => g switch
    {
        Polygon p => OrientPolygon(p),
        MultiPolygon mp => g.Factory.CreateMultiPolygon(Enumerable.Range(0, mp.NumGeometries).Select(i => OrientPolygon((Polygon)mp.GetGeometryN(i))).ToArray()),
        _ => g,
    };

    private static Polygon OrientPolygon(Polygon p)
    {
        var shell = Ring(p.Factory, (LinearRing)p.ExteriorRing, counterClockwise: true);
        var holes = p.InteriorRings.Select(h => Ring(p.Factory, (LinearRing)h, counterClockwise: false)).ToArray();
        return p.Factory.CreatePolygon(shell, holes);
    }

    private static LinearRing Ring(GeometryFactory factory, LinearRing ring, bool counterClockwise)
    {
        if (ring.NumPoints < 4 || Orientation.IsCCW(ring.CoordinateSequence) == counterClockwise) return ring;
        return (LinearRing)ring.Reverse();
    }
}

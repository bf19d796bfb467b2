using System.Text.Json;
using GridGeo.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace GridGeo.IO.GeoJson;

/// <summary>
/// Reads and writes RFC 7946 geometries: WGS84 lon/lat, exterior rings counter-clockwise and holes
/// clockwise on output, coordinates with at most 7 decimals (about 1 cm), no <c>crs</c> member. Coordinates are written
/// as they are: a geometry on <see cref="GridPrecision"/> (every grid the gate passed) is written without loss; one that
/// is not is first snapped as a whole (<see cref="GridPrecision.Snap(Geometry)"/>, which keeps it valid), never rounded
/// vertex by vertex.
/// </summary>
public static class GeoJsonGeometry
{
    public const int Decimals = 7;

    /// <summary>The most positions one geometry may have when no other limit is given (a whole community boundary fits).</summary>
    public const int DefaultMaxPositions = 1_000_000;

    /// <summary>
    /// Parses a GeoJSON geometry object; throws <see cref="FormatException"/> naming what is wrong: a position that is not
    /// two finite numbers, outside lon −180…180, lat −90…90 (unless <paramref name="lonLat"/> is false: a layer in a
    /// projected system, transformed by its reader), or more than <paramref name="maxPositions"/> positions in all.
    /// </summary>
    public static Geometry Read(JsonElement e, GeometryFactory? factory = null, int maxPositions = DefaultMaxPositions, bool lonLat = true)
    {
        var positions = CountPositions(e, maxPositions);
        if (positions > maxPositions) throw new FormatException($"the geometry has more than {maxPositions:N0} positions, the limit");
        var geometry = ReadChecked(e, factory ?? GeoFactory.Wgs84);
        if (lonLat)
        {
            foreach (var c in geometry.Coordinates)
            {
                if (!(c.X >= -180 && c.X <= 180 && c.Y >= -90 && c.Y <= 90))
                    throw new FormatException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"position [{c.X}, {c.Y}] is outside the lon/lat range (lon −180…180, lat −90…90; WGS84 lon/lat)"));
            }
        }
        return geometry;
    }

    // Counts positions without building them (stops once over the limit), so that a huge ring costs no allocation.
    private static int CountPositions(JsonElement e, int max)
    {
        if (e.ValueKind != JsonValueKind.Object) return 0;
        if (e.TryGetProperty("geometries", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            var sum = 0;
            foreach (var g in parts.EnumerateArray())
            {
                sum += CountPositions(g, max - sum);
                if (sum > max) break;
            }
            return sum;
        }
        return e.TryGetProperty("coordinates", out var c) ? CountNested(c, max) : 0;
    }

    private static int CountNested(JsonElement a, int max)
    {
        if (a.ValueKind != JsonValueKind.Array) return 0;
        var length = a.GetArrayLength();
        if (length == 0) return 0;
        if (a[0].ValueKind != JsonValueKind.Array) return 1;
        var sum = 0;
        foreach (var x in a.EnumerateArray())
        {
            sum += CountNested(x, max - sum);
            if (sum > max) break;
        }
        return sum;
    }

    private static Geometry ReadChecked(JsonElement e, GeometryFactory factory)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException("geometry must be an object");
        var type = e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "GeometryCollection")
        {
            var parts = e.GetProperty("geometries").EnumerateArray().Select(g => ReadChecked(g, factory)).ToArray();
            return factory.CreateGeometryCollection(parts);
        }
        if (!e.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array)
            throw new FormatException($"geometry of type {type ?? "(none)"} has no coordinates array");
        return type switch
        {
            "Point" => factory.CreatePoint(Position(c)),
            "MultiPoint" => factory.CreateMultiPoint(c.EnumerateArray().Select(p => factory.CreatePoint(Position(p))).ToArray()),
            "LineString" => factory.CreateLineString(Positions(c)),
            "MultiLineString" => factory.CreateMultiLineString(c.EnumerateArray().Select(l => factory.CreateLineString(Positions(l))).ToArray()),
            "Polygon" => PolygonOf(c, factory),
            "MultiPolygon" => factory.CreateMultiPolygon(c.EnumerateArray().Select(p => PolygonOf(p, factory)).ToArray()),
            _ => throw new FormatException($"unknown geometry type {type ?? "(none)"}"),
        };
    }

    private static Polygon PolygonOf(JsonElement rings, GeometryFactory factory)
    {
        var list = rings.EnumerateArray().Select(r =>
        {
            var pts = Positions(r);
            if (pts.Length < 4) throw new FormatException("a polygon ring needs at least 4 positions");
            if (!pts[0].Equals2D(pts[^1])) throw new FormatException("a polygon ring must be closed (first position = last)");
            return factory.CreateLinearRing(pts);
        }).ToArray();
        if (list.Length == 0) throw new FormatException("a polygon needs an exterior ring");
        return factory.CreatePolygon(list[0], list[1..]);
    }

    private static Coordinate[] Positions(JsonElement arr)
    {
        if (arr.ValueKind != JsonValueKind.Array) throw new FormatException("positions must be an array");
        var result = new Coordinate[arr.GetArrayLength()];
        var i = 0;
        foreach (var p in arr.EnumerateArray()) result[i++] = Position(p);
        return result;
    }

    private static Coordinate Position(JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2)
            throw new FormatException("a position must be an array [lon, lat]");
        if (p[0].ValueKind != JsonValueKind.Number || p[1].ValueKind != JsonValueKind.Number)
            throw new FormatException("a position's lon and lat must be numbers");
        if (!p[0].TryGetDouble(out var lon) || !p[1].TryGetDouble(out var lat) || !double.IsFinite(lon) || !double.IsFinite(lat))
            throw new FormatException($"a position's lon and lat must be finite numbers, not [{p[0].GetRawText()}, {p[1].GetRawText()}]");
        return new Coordinate(lon, lat);
    }

    /// <summary>Writes <paramref name="g"/> as a GeoJSON geometry object in RFC 7946 form.</summary>
    public static void Write(Utf8JsonWriter w, Geometry g)
    {
        if (!g.IsEmpty && !GridPrecision.IsOnGrid(g)) g = OnGrid(g);
        WriteOnGrid(w, g);
    }

    /// <summary>
    /// A geometry off the 7-decimal grid (an export converted to GCJ-02, a stored outline from before the gate) put on it:
    /// each vertex onto its nearest grid point, which keeps every vertex in place and in order; a polygon that this would
    /// make invalid is snapped as a whole instead (<see cref="GridPrecision.Snap(Geometry)"/>), so what is written is valid.
    /// </summary>
    private static Geometry OnGrid(Geometry g)
    {
        var copy = g.Copy();
        copy.Apply(new SnapVertices());
        copy.GeometryChanged();
        // A geometry that was invalid before rounding (a test fixture, a file being checked) is written as it is, rounded:
        // repairing it here would hide the fault from whoever reads the file.
        if (copy is Polygon or MultiPolygon && !copy.IsValid && g.IsValid) return GridPrecision.Snap(g);
        return copy;
    }

    private sealed class SnapVertices : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, GridPrecision.Model.MakePrecise(seq.GetX(i)));
                seq.SetY(i, GridPrecision.Model.MakePrecise(seq.GetY(i)));
            }
        }
    }

    private static void WriteOnGrid(Utf8JsonWriter w, Geometry g)
    {
        w.WriteStartObject();
        switch (g)
        {
            case Point p:
                w.WriteString("type", "Point");
                w.WritePropertyName("coordinates");
                WritePosition(w, p.Coordinate);
                break;
            case LineString l:
                w.WriteString("type", "LineString");
                w.WritePropertyName("coordinates");
                WritePositions(w, l.Coordinates);
                break;
            case Polygon poly:
                w.WriteString("type", "Polygon");
                w.WritePropertyName("coordinates");
                WritePolygon(w, poly);
                break;
            case MultiPoint mp:
                w.WriteString("type", "MultiPoint");
                w.WritePropertyName("coordinates");
                w.WriteStartArray();
                foreach (var part in mp.Geometries) WritePosition(w, part.Coordinate);
                w.WriteEndArray();
                break;
            case MultiLineString ml:
                w.WriteString("type", "MultiLineString");
                w.WritePropertyName("coordinates");
                w.WriteStartArray();
                foreach (var part in ml.Geometries) WritePositions(w, part.Coordinates);
                w.WriteEndArray();
                break;
            case MultiPolygon mpoly:
                w.WriteString("type", "MultiPolygon");
                w.WritePropertyName("coordinates");
                w.WriteStartArray();
                foreach (var part in mpoly.Geometries) WritePolygon(w, (Polygon)part);
                w.WriteEndArray();
                break;
            case GeometryCollection gc:
                w.WriteString("type", "GeometryCollection");
                w.WritePropertyName("geometries");
                w.WriteStartArray();
                foreach (var part in gc.Geometries) WriteOnGrid(w, part);
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"cannot write geometry type {g.GeometryType}");
        }
        w.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter w, Polygon p)
    {
        w.WriteStartArray();
        WriteRing(w, p.ExteriorRing.Coordinates, counterClockwise: true);
        foreach (var hole in p.InteriorRings) WriteRing(w, hole.Coordinates, counterClockwise: false);
        w.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter w, Coordinate[] ring, bool counterClockwise)
    {
        if (ring.Length >= 4 && Orientation.IsCCW(ring) != counterClockwise)
        {
            ring = (Coordinate[])ring.Clone();
            Array.Reverse(ring);
        }
        WritePositions(w, ring);
    }

    private static void WritePositions(Utf8JsonWriter w, Coordinate[] cs)
    {
        w.WriteStartArray();
        foreach (var c in cs) WritePosition(w, c);
        w.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter w, Coordinate c)
    {
        w.WriteStartArray();
        w.WriteNumberValue(c.X);
        w.WriteNumberValue(c.Y);
        w.WriteEndArray();
    }
}

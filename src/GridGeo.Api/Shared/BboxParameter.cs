using System.Globalization;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Shared;

/// <summary>
/// The <c>bbox</c> query parameter: <c>minLon,minLat,maxLon,maxLat</c> in WGS84 degrees (the OGC API –
/// Features order), min not above max, longitudes within ±180 and latitudes within ±90.
/// </summary>
public static class BboxParameter
{
    public const string Name = "bbox";

    /// <summary>Parses <paramref name="text"/>; returns null box and no error when it is absent, else the box or a 400 problem naming the rule.</summary>
    public static (Envelope? Box, IResult? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var parts = text.Split(',');
        if (parts.Length != 4) return (null, Bad($"needs 4 comma-separated numbers minLon,minLat,maxLon,maxLat, got {parts.Length} value(s)"));
        var v = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                return (null, Bad($"value {i + 1} \"{parts[i]}\" is not a number"));
        }
        if (v[0] is < -180 or > 180 || v[2] is < -180 or > 180) return (null, Bad("longitudes must lie within -180…180"));
        if (v[1] is < -90 or > 90 || v[3] is < -90 or > 90) return (null, Bad("latitudes must lie within -90…90"));
        if (v[0] > v[2] || v[1] > v[3]) return (null, Bad("minLon must not exceed maxLon, nor minLat maxLat"));
        return (new Envelope(v[0], v[2], v[1], v[3]), null);
    }

    private static IResult Bad(string rule) => ApiProblems.BadParameter(Name, rule);
}

namespace GridGeo.Core.Geo;

/// <summary>A longitude/latitude pair in degrees.</summary>
public readonly record struct LonLat(double Lon, double Lat)
{
    /// <summary>True when both values are finite and within −180…180 (lon) and −90…90 (lat).</summary>
    public bool IsInRange => Lon is >= -180 and <= 180 && Lat is >= -90 and <= 90;
}

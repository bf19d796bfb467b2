namespace GridGeo.Api.Ogc;

/// <summary>The conformance classes of OGC API – Features – Part 1 (OGC 17-069r4) that <c>/ogc</c> implements.</summary>
public static class OgcConformance
{
    public const string Core = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
    public const string GeoJson = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";
    public const string OpenApi30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30";

    public static readonly IReadOnlyList<string> Classes = [Core, GeoJson, OpenApi30];
}

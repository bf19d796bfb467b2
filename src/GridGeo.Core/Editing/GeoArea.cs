namespace GridGeo.Core.Editing;

/// <summary>
/// Converts areas between square metres and square degrees of WGS84 lon/lat near a latitude (the local
/// equirectangular scale); good to well under 1 % across a community, which is all a tolerance needs.
/// </summary>
public static class GeoArea
{
    private const double MetresPerDegreeLat = 110_574.0;
    private const double MetresPerDegreeLonAtEquator = 111_320.0;

    public static double SquareMetresPerSquareDegree(double latitude) =>
        MetresPerDegreeLat * MetresPerDegreeLonAtEquator * Math.Max(0.01, Math.Cos(latitude * Math.PI / 180));

    public static double SquareDegrees(double squareMetres, double latitude) => squareMetres / SquareMetresPerSquareDegree(latitude);

    public static double SquareMetres(double squareDegrees, double latitude) => squareDegrees * SquareMetresPerSquareDegree(latitude);
}

namespace GridGeo.Core.Tests.Geo;

/// <summary>Great-circle distance in metres, for expressing tolerances on the ground.</summary>
internal static class GeoDistance
{
    public static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        const double r = 6371008.8;
        double p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180;
        double dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180;
        var h = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

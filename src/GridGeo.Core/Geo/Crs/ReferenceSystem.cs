using System.Globalization;

namespace GridGeo.Core.Geo.Crs;

/// <summary>
/// A coordinate reference system GridGeo reads and writes, by EPSG code: WGS84 (EPSG:4326) and CGCS2000
/// (EPSG:4490) lon/lat, which GridGeo takes as equal (they differ by centimetres), or one of the CGCS2000
/// Gauss-Krüger zones EPSG:4491–4554 — a transverse Mercator on the CGCS2000 ellipsoid with scale 1 on its
/// central meridian, easting (x) then northing (y) in metres. The definitions are built in
/// (<see cref="ReferenceSystems"/>); nothing is downloaded.
/// </summary>
/// <param name="Epsg">The EPSG code.</param>
/// <param name="Name">The EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 108E".</param>
/// <param name="CentralMeridian">Degrees east; null for a lon/lat system.</param>
/// <param name="FalseEasting">Metres added to eastings: 500000, or zone × 1000000 + 500000 when the zone number leads the easting.</param>
/// <param name="ZoneWidth">3 or 6 (degrees) for a Gauss-Krüger zone; 0 for lon/lat.</param>
/// <param name="Zone">The zone number when it leads the easting (EPSG:4491–4501 and 4513–4533), else null.</param>
public sealed record ReferenceSystem(int Epsg, string Name, double? CentralMeridian, double FalseEasting, int ZoneWidth, int? Zone)
{
    /// <summary>CGCS2000 ellipsoid: semi-major axis (m).</summary>
    public const double SemiMajorAxis = 6378137.0;

    /// <summary>CGCS2000 ellipsoid: inverse flattening.</summary>
    public const double InverseFlattening = 298.257222101;

    /// <summary>True for WGS84 and CGCS2000 lon/lat.</summary>
    public bool IsGeographic => CentralMeridian is null;

    /// <summary>"EPSG:4545".</summary>
    public string Code => $"EPSG:{Epsg}";

    public override string ToString() => $"{Code} ({Name})";

    /// <summary>OGC WKT 1 (as in a GeoPackage's <c>gpkg_spatial_ref_sys</c>), without axis order: x is easting or longitude.</summary>
    public string Wkt => IsGeographic ? GeographicWkt(Epsg) : ProjectedWkt();

    /// <summary>The Esri flavour of WKT that ArcGIS and GDAL write to a shapefile's <c>.prj</c>.</summary>
    public string EsriWkt => IsGeographic ? EsriGeographicWkt(Epsg) : EsriProjectedWkt();

    private static string F(double v) => v.ToString("0.0###########", CultureInfo.InvariantCulture);

    private static string GeographicWkt(int epsg) => epsg == ReferenceSystems.Wgs84Epsg
        ? "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]]," +
          "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]"
        : "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]]," +
          "AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
          "AUTHORITY[\"EPSG\",\"4490\"]]";

    private string ProjectedWkt() =>
        $"PROJCS[\"{Name}\",{GeographicWkt(ReferenceSystems.Cgcs2000Epsg)},PROJECTION[\"Transverse_Mercator\"]," +
        $"PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",{F(CentralMeridian!.Value)}],PARAMETER[\"scale_factor\",1]," +
        $"PARAMETER[\"false_easting\",{F(FalseEasting)}],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]," +
        $"AUTHORITY[\"EPSG\",\"{Epsg}\"]]";

    private static string EsriGeographicWkt(int epsg) => epsg == ReferenceSystems.Wgs84Epsg
        ? "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"
        : "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]]," +
          "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    private string EsriProjectedWkt()
    {
        var cm = CentralMeridian!.Value.ToString(CultureInfo.InvariantCulture);
        var name = (ZoneWidth, Zone) switch
        {
            (3, { } z) => $"CGCS2000_3_Degree_GK_Zone_{z}",
            (3, null) => $"CGCS2000_3_Degree_GK_CM_{cm}E",
            (_, { } z) => $"CGCS2000_GK_Zone_{z}",
            _ => $"CGCS2000_GK_CM_{cm}E",
        };
        return $"PROJCS[\"{name}\",{EsriGeographicWkt(ReferenceSystems.Cgcs2000Epsg)},PROJECTION[\"Gauss_Kruger\"]," +
               $"PARAMETER[\"False_Easting\",{F(FalseEasting)}],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",{F(CentralMeridian.Value)}]," +
               "PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
    }
}

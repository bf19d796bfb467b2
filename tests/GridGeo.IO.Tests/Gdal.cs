using System.Diagnostics;

namespace GridGeo.IO.Tests;

/// <summary>
/// GDAL's command line tools (Debian <c>gdal-bin</c>, installed by <c>scripts/ensure-gdal.sh</c>): the tests make
/// planners' shapefiles and GeoPackages with <c>ogr2ogr</c>, as ArcGIS or QGIS would, and read GridGeo's with <c>ogrinfo</c>.
/// </summary>
internal static class Gdal
{
    /// <summary>Runs <paramref name="tool"/> and returns its standard output; a non-zero exit throws with its standard error.</summary>
    public static string Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed: run scripts/ensure-gdal.sh (Debian gdal-bin) ({ex.Message})");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
            return stdout;
        }
    }

    /// <summary>The bundle layers found in <paramref name="bundle"/> as GeoJSON.</summary>
    public static IEnumerable<string> Layers(string bundle) =>
        new[] { "communities", "buildings", "compounds", "dedicated", "barriers" }.Where(l => File.Exists(Path.Combine(bundle, l + ".geojson")));

    /// <summary>
    /// A copy of the GeoJSON bundle <paramref name="source"/> with every layer as a shapefile in EPSG:<paramref name="epsg"/>,
    /// text in <paramref name="encoding"/> (GDAL's <c>ENCODING</c>, e.g. UTF-8 or CP936); households.csv is copied.
    /// </summary>
    public static string ToShapefiles(string source, int epsg, string encoding = "UTF-8")
    {
        var dir = Directory.CreateTempSubdirectory("gridgeo-shp-").FullName;
        foreach (var layer in Layers(source))
            Run("ogr2ogr", "-t_srs", $"EPSG:{epsg}", "-lco", $"ENCODING={encoding}", Path.Combine(dir, layer + ".shp"), Path.Combine(source, layer + ".geojson"));
        CopyHouseholds(source, dir);
        return dir;
    }

    /// <summary>A copy of the GeoJSON bundle <paramref name="source"/> with every layer as a table of one bundle.gpkg in EPSG:<paramref name="epsg"/>.</summary>
    public static string ToGeoPackage(string source, int epsg)
    {
        var dir = Directory.CreateTempSubdirectory("gridgeo-gpkg-").FullName;
        var gpkg = Path.Combine(dir, "bundle.gpkg");
        foreach (var layer in Layers(source))
        {
            string[] update = File.Exists(gpkg) ? ["-update"] : [];
            Run("ogr2ogr", ["-f", "GPKG", .. update, "-t_srs", $"EPSG:{epsg}", "-nln", layer, gpkg, Path.Combine(source, layer + ".geojson")]);
        }
        CopyHouseholds(source, dir);
        return dir;
    }

    private static void CopyHouseholds(string source, string dir)
    {
        var households = Path.Combine(source, "households.csv");
        if (File.Exists(households)) File.Copy(households, Path.Combine(dir, "households.csv"));
    }

    public static void Delete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}

using GridGeo.Core;
using GridGeo.Core.Geo.Crs;
using GridGeo.IO.GeoJson;
using GridGeo.IO.Layers;

namespace GridGeo.IO.Bundles;

/// <summary>
/// Where each layer of a bundle folder comes from (contract §1): layer <c>NAME</c> is <c>NAME.geojson</c>,
/// <c>NAME.shp</c> (with <c>.shx</c>, <c>.dbf</c>, optional <c>.prj</c> and <c>.cpg</c>) or the table <c>NAME</c> of the
/// folder's one <c>bundle.gpkg</c> — exactly one of them. Every form reads into the same lon/lat
/// <see cref="FeatureRecord"/>s, so one set of bundle rules checks them all.
/// </summary>
public sealed class BundleLayers
{
    /// <summary>The GeoPackage a bundle folder may hold its layers in, one table per layer.</summary>
    public const string GeoPackageFile = "bundle.gpkg";

    private readonly string _directory;
    private readonly ReferenceSystem? _crs;
    private readonly IReadOnlyList<string> _tables;

    /// <param name="directory">The bundle folder.</param>
    /// <param name="crs">The <c>--crs</c> of the command: the system of layers that declare none.</param>
    public BundleLayers(string directory, ReferenceSystem? crs)
    {
        _directory = directory;
        _crs = crs;
        var gpkg = Path.Combine(directory, GeoPackageFile);
        _tables = File.Exists(gpkg) ? GeoPackageLayerReader.FeatureTables(gpkg) : [];
    }

    /// <summary>True when the folder holds layer <paramref name="name"/> in some form.</summary>
    public bool Has(string name) => Sources(name).Count > 0;

    /// <summary>
    /// The features of layer <paramref name="name"/> in lon/lat, and the system they came in. Throws
    /// <see cref="BadInputException"/> when the layer is missing or given in more than one form.
    /// </summary>
    public LayerContent Read(string name)
    {
        var sources = Sources(name);
        if (sources.Count == 0)
            throw new BadInputException(name, null, $"the layer is missing from the bundle folder {_directory}: give {name}.geojson, {name}.shp or a table {name} in {GeoPackageFile}");
        if (sources.Count > 1)
            throw new BadInputException(name, null, $"the layer is given more than once ({string.Join(", ", sources)}); keep one");
        var source = sources[0];
        if (source.EndsWith(".shp", StringComparison.Ordinal)) return ShapefileLayerReader.Read(Path.Combine(_directory, source), _crs);
        if (source.EndsWith(".geojson", StringComparison.Ordinal)) return ReadGeoJson(Path.Combine(_directory, source));
        return GeoPackageLayerReader.Read(Path.Combine(_directory, GeoPackageFile), _tables.First(t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase)), _crs);
    }

    private List<string> Sources(string name)
    {
        var found = new List<string>();
        if (File.Exists(Path.Combine(_directory, name + ".geojson"))) found.Add(name + ".geojson");
        if (File.Exists(Path.Combine(_directory, name + ".shp"))) found.Add(name + ".shp");
        if (_tables.Any(t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase))) found.Add($"table {name} of {GeoPackageFile}");
        return found;
    }

    /// <summary>GeoJSON is lon/lat (RFC 7946) unless <c>--crs</c> names a projected system its coordinates are in.</summary>
    private LayerContent ReadGeoJson(string path)
    {
        if (_crs is null || _crs.IsGeographic) return new LayerContent(FeatureFile.Read(path), _crs);
        var projector = new LayerProjector(_crs, Path.GetFileName(path));
        var features = FeatureFile.Read(path, requireLonLat: false)
            .Select(f => f with { Geometry = projector.ToLonLat(f.Geometry, f.Label()) })
            .ToList();
        return new LayerContent(features, _crs);
    }
}

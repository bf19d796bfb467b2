using System.IO.Compression;
using System.Text;
using GridGeo.Core.Geo.Crs;
using GridGeo.IO.Csv;
using GridGeo.IO.GeoJson;
using GridGeo.IO.Layers;
using GridGeo.Storage.Layers;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Export;

/// <summary>
/// Writes a published layer as an RFC 7946 FeatureCollection, or the households CSV, straight from the database
/// to a stream: rows come from a forward-only reader and leave as soon as they are written, so memory does not
/// grow with the number of features. Used by <c>GET /api/export/…</c> and the CLI's <c>export</c> command.
/// </summary>
public static class LayerExport
{
    /// <summary>The header of the households CSV: household → grid → liaison unit.</summary>
    public const string HouseholdsCsvHeader = "household_id,building_id,unit,floor,community_code,grid_code,liaison_unit_code";

    /// <summary>
    /// Streams the features of <paramref name="layer"/> matching <paramref name="query"/> to <paramref name="output"/>
    /// in <paramref name="crs"/>; a non-WGS84 system is named in a top-level member and in every feature's
    /// <c>coordinate_system</c> property. Returns the number of features written.
    /// </summary>
    public static async Task<long> WriteGeoJsonAsync(LayerStore store, FeatureLayer layer, LayerQuery query, ExportCrs crs, Stream output,
        CancellationToken ct = default)
    {
        Func<Geometry, Geometry>? transform = crs.IsWgs84 ? null : crs.Transform;
        await using var writer = new FeatureCollectionWriter(output, transform);
        writer.WriteStart(w =>
        {
            w.WriteString("name", layer.Name);
            if (!crs.IsWgs84) w.WriteString("coordinate_system", crs.Name);
        });
        Action<System.Text.Json.Utf8JsonWriter>? extra = crs.IsWgs84 ? null : w => w.WriteString("coordinate_system", crs.Name);
        await foreach (var row in store.ReadAsync(layer, query, ct))
            await writer.WriteFeatureAsync(row.Id, row.Geometry, layer.PropertyNames, row.Values, extra, ct);
        await writer.WriteEndAsync(ct: ct);
        return writer.Count;
    }

    /// <summary>The table (and shapefile) name of <paramref name="layer"/> in GIS files: <c>liaison_units</c> for liaison-units.</summary>
    public static string TableName(FeatureLayer layer) => layer.Name.Replace('-', '_');

    /// <summary>
    /// Writes the features of <paramref name="layer"/> matching <paramref name="query"/> as a GeoPackage in
    /// <paramref name="crs"/> to <paramref name="output"/> (built in a temporary file first: SQLite needs one). Returns
    /// the number of features written.
    /// </summary>
    public static async Task<long> WriteGeoPackageAsync(LayerStore store, FeatureLayer layer, LayerQuery query, ReferenceSystem crs, Stream output,
        CancellationToken ct = default)
    {
        var dir = Directory.CreateTempSubdirectory("gridgeo-export-").FullName;
        try
        {
            var path = Path.Combine(dir, TableName(layer) + ".gpkg");
            long count;
            using (var writer = new GeoPackageFeatureWriter(path, TableName(layer), layer.PropertyNames, crs))
            {
                await foreach (var row in store.ReadAsync(layer, query, ct)) writer.Write(row.Geometry, row.Values);
                writer.Complete();
                count = writer.Count;
            }
            await using (var file = File.OpenRead(path)) await file.CopyToAsync(output, ct);
            return count;
        }
        finally { DeleteQuietly(dir); }
    }

    /// <summary>
    /// Writes the features of <paramref name="layer"/> matching <paramref name="query"/> as a zipped shapefile in
    /// <paramref name="crs"/> (<see cref="ShapefileFeatureWriter"/>: .shp, .shx, .dbf, .cpg UTF-8, .prj, and a CSV per
    /// list property) to <paramref name="output"/>. Returns the number of features written.
    /// </summary>
    public static async Task<long> WriteShapefileZipAsync(LayerStore store, FeatureLayer layer, LayerQuery query, ReferenceSystem crs, Stream output,
        CancellationToken ct = default)
    {
        var dir = Directory.CreateTempSubdirectory("gridgeo-export-").FullName;
        try
        {
            long count;
            List<string> files;
            using (var writer = new ShapefileFeatureWriter(dir, TableName(layer), layer.PropertyNames, crs))
            {
                await foreach (var row in store.ReadAsync(layer, query, ct)) writer.Write(row.Geometry, row.Values);
                writer.Complete();
                count = writer.Count;
                files = writer.Files;
            }
            // The zip is built in the temporary folder: ZipArchive needs a seekable stream, a response body is not one.
            var zipPath = Path.Combine(dir, TableName(layer) + ".shp.zip");
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                foreach (var f in files.Where(File.Exists)) zip.CreateEntryFromFile(f, Path.GetFileName(f), CompressionLevel.Fastest);
            }
            await using (var file = File.OpenRead(zipPath)) await file.CopyToAsync(output, ct);
            return count;
        }
        finally { DeleteQuietly(dir); }
    }

    private static void DeleteQuietly(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Streams the households CSV (<see cref="HouseholdsCsvHeader"/>, UTF-8, one row per household); returns the rows written.</summary>
    public static async Task<long> WriteHouseholdsCsvAsync(LayerStore store, string? community, string? street, Stream output, CancellationToken ct = default)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await text.WriteLineAsync(HouseholdsCsvHeader);
        long rows = 0;
        await foreach (var h in store.ReadHouseholdAssignmentsAsync(community, street, ct))
        {
            await text.WriteLineAsync(string.Join(',', CsvLine.Escape(h.HouseholdId), CsvLine.Escape(h.BuildingId), h.Unit, h.Floor,
                CsvLine.Escape(h.CommunityCode), CsvLine.Escape(h.GridCode), CsvLine.Escape(h.LiaisonUnitCode)));
            rows++;
        }
        await text.FlushAsync(ct);
        return rows;
    }
}

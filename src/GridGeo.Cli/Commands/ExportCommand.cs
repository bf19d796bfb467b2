using System.CommandLine;
using System.Diagnostics;
using GridGeo.Api.Export;
using GridGeo.Core;
using GridGeo.Core.Geo.Crs;
using GridGeo.Storage;
using GridGeo.Storage.Layers;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>export [--what grids|liaison-units|buildings|dedicated-areas|communities|households-csv] [--format geojson|gpkg|shp]
/// --out FILE [--street] [--community] [--crs …]</c>: the same exports as <c>GET /api/export/…</c>, from the database to a
/// file. GeoJSON is RFC 7946 lon/lat (<c>--crs wgs84|gcj02</c>); a GeoPackage or a zipped shapefile takes
/// <c>--crs EPSG:NNNN</c> (4326, 4490 — the default — or a CGCS2000 Gauss-Krüger zone 4491–4554).
/// </summary>
public static class ExportCommand
{
    public const string HouseholdsCsv = "households-csv";

    public static Command Create()
    {
        var whats = FeatureLayer.All.Select(l => l.Name).Append(HouseholdsCsv).ToArray();
        var what = new Option<string>("--what") { Description = $"what to export: {string.Join(", ", whats)}", DefaultValueFactory = _ => FeatureLayer.Grids };
        var format = new Option<string>("--format") { Description = "geojson (RFC 7946), gpkg (GeoPackage) or shp (zipped shapefile)", DefaultValueFactory = _ => "geojson" };
        format.AcceptOnlyFromAmong("geojson", "gpkg", "shp");
        what.AcceptOnlyFromAmong(whats);
        var output = new Option<FileInfo>("--out") { Description = "the file to write", Required = true };
        var street = new Option<string?>("--street") { Description = "only this street (9-digit code)" };
        var community = new Option<string?>("--community") { Description = "only this community (12-digit code)" };
        var crs = new Option<string?>("--crs") { Description = $"coordinates: GeoJSON wgs84 (RFC 7946, the default) or gcj02 (AMap, Tencent); gpkg and shp {ReferenceSystems.Accepted} (default EPSG:4490)" };
        var command = new Command("export", "write the current grids, liaison units, buildings, dedicated areas, communities (GeoJSON) or households (CSV) from the database")
        {
            what, format, output, street, community, crs,
        };
        command.SetAction(async (parse, ct) =>
        {
            var streetCode = parse.GetValue(street);
            var communityCode = parse.GetValue(community);
            if (streetCode is not null && !AdminCodes.IsStreetCode(streetCode))
                throw new BadInputException("--street", $"\"{streetCode}\"", "must be a 9-digit street code");
            if (communityCode is not null && !AdminCodes.IsCommunityCode(communityCode))
                throw new BadInputException("--community", $"\"{communityCode}\"", "must be a 12-digit community code");
            var kind = parse.GetValue(what)!;
            var path = parse.GetValue(output)!.FullName;
            var fileFormat = parse.GetValue(format)!;
            var crsText = parse.GetValue(crs);
            if (fileFormat != "geojson")
            {
                var layer = FeatureLayer.Find(kind)
                            ?? throw new BadInputException("--what", $"\"{kind}\"", $"only layers export as {fileFormat}; households-csv is CSV only");
                var reference = string.IsNullOrWhiteSpace(crsText) ? ExportApi.DefaultGisCrs : ReferenceSystems.Parse(crsText, "--crs");
                return await WriteGisFileAsync(layer, fileFormat, reference, new LayerQuery(Community: communityCode, Street: streetCode), path, ct);
            }
            ExportCrs system;
            if (crsText is not null && (crsText.Trim().StartsWith("epsg:", StringComparison.OrdinalIgnoreCase) || crsText.Trim().Equals("cgcs2000", StringComparison.OrdinalIgnoreCase)))
            {
                var reference = ReferenceSystems.Parse(crsText, "--crs");
                if (!reference.IsGeographic)
                    throw new BadInputException("--crs", $"\"{crsText}\"", $"GeoJSON is RFC 7946 lon/lat; {reference.Code} needs --format gpkg or shp");
                system = ExportCrs.Wgs84;
            }
            else
            {
                system = ExportCrs.Parse(crsText)
                         ?? throw new BadInputException("--crs", $"\"{crsText}\"", $"must be one of {ExportCrs.Names}, or for gpkg and shp {ReferenceSystems.Accepted}");
            }

            var clock = Stopwatch.StartNew();
            await using var dataSource = GridGeoDatabase.Open(StorageOptions.Resolve());
            var store = new LayerStore(dataSource);
            var partial = path + ".partial";
            long count;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                count = kind == HouseholdsCsv
                    ? await LayerExport.WriteHouseholdsCsvAsync(store, communityCode, streetCode, file, ct)
                    : await LayerExport.WriteGeoJsonAsync(store, FeatureLayer.Find(kind)!, new LayerQuery(Community: communityCode, Street: streetCode), system, file, ct);
            }
            File.Move(partial, path, overwrite: true);
            Console.WriteLine($"exported {count} {(kind == HouseholdsCsv ? "households" : kind)} ({system.Name}) to {path} " +
                              $"in {clock.Elapsed.TotalSeconds:F2} s, {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB");
            return CliRunner.Ok;
        });
        return command;
    }

    private static async Task<int> WriteGisFileAsync(FeatureLayer layer, string format, ReferenceSystem system, LayerQuery query, string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var dataSource = GridGeoDatabase.Open(StorageOptions.Resolve());
        var store = new LayerStore(dataSource);
        var partial = path + ".partial";
        long count;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            count = format == "gpkg"
                ? await LayerExport.WriteGeoPackageAsync(store, layer, query, system, file, ct)
                : await LayerExport.WriteShapefileZipAsync(store, layer, query, system, file, ct);
        }
        File.Move(partial, path, overwrite: true);
        Console.WriteLine($"exported {count} {layer.Name} ({format}, {system.Code}) to {path} " +
                          $"in {clock.Elapsed.TotalSeconds:F2} s, {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB");
        return CliRunner.Ok;
    }
}

using System.CommandLine;
using System.Diagnostics;
using GridGeo.Api.Export;
using GridGeo.Core;
using GridGeo.Storage;
using GridGeo.Storage.Layers;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>export --what grids|liaison-units|buildings|dedicated-areas|communities|households-csv --out FILE [--street]
/// [--community] [--crs wgs84|gcj02]</c>: the same streamed exports as <c>GET /api/export/…</c>, from the database
/// to a file.
/// </summary>
public static class ExportCommand
{
    public const string HouseholdsCsv = "households-csv";

    public static Command Create()
    {
        var whats = FeatureLayer.All.Select(l => l.Name).Append(HouseholdsCsv).ToArray();
        var what = new Option<string>("--what") { Description = $"what to export: {string.Join(", ", whats)}", Required = true };
        what.AcceptOnlyFromAmong(whats);
        var output = new Option<FileInfo>("--out") { Description = "the file to write", Required = true };
        var street = new Option<string?>("--street") { Description = "only this street (9-digit code)" };
        var community = new Option<string?>("--community") { Description = "only this community (12-digit code)" };
        var crs = new Option<string>("--crs") { Description = "coordinates: wgs84 (RFC 7946) or gcj02 (AMap, Tencent)", DefaultValueFactory = _ => "wgs84" };
        var command = new Command("export", "write the current grids, liaison units, buildings, dedicated areas, communities (GeoJSON) or households (CSV) from the database")
        {
            what, output, street, community, crs,
        };
        command.SetAction(async (parse, ct) =>
        {
            var streetCode = parse.GetValue(street);
            var communityCode = parse.GetValue(community);
            if (streetCode is not null && !AdminCodes.IsStreetCode(streetCode))
                throw new BadInputException("--street", $"\"{streetCode}\"", "must be a 9-digit street code");
            if (communityCode is not null && !AdminCodes.IsCommunityCode(communityCode))
                throw new BadInputException("--community", $"\"{communityCode}\"", "must be a 12-digit community code");
            var system = ExportCrs.Parse(parse.GetValue(crs))
                         ?? throw new BadInputException("--crs", $"\"{parse.GetValue(crs)}\"", $"must be one of {ExportCrs.Names}");
            var kind = parse.GetValue(what)!;
            var path = parse.GetValue(output)!.FullName;

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
}

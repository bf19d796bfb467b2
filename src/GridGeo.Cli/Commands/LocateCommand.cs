using System.CommandLine;
using System.Diagnostics;
using GridGeo.Core.Geo;
using GridGeo.Core.Lookup;
using GridGeo.IO.Csv;
using GridGeo.IO.Plans;
using GridGeo.IO.Points;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>locate --grids grids.geojson --points points.csv [--crs wgs84|cgcs2000|gcj02|bd09] --out located.csv</c>:
/// streams the points through a <see cref="GridLocator"/> and writes <c>id,grid_code</c> (empty when outside every
/// grid), in input order. The output appears only when every row was good.
/// </summary>
public static class LocateCommand
{
    private const int BatchSize = 1 << 16;

    public static Command Create()
    {
        var grids = new Option<FileInfo>("--grids") { Description = "the grid plan (grids.geojson)", Required = true };
        var points = new Option<FileInfo>("--points") { Description = "CSV with columns id,lon,lat", Required = true };
        var crs = new Option<string>("--crs") { Description = "coordinate system of the points: wgs84, cgcs2000, gcj02 or bd09", DefaultValueFactory = _ => "wgs84" };
        var output = new Option<FileInfo>("--out") { Description = "output CSV: id,grid_code", Required = true };
        var command = new Command("locate", "find the grid of each point of a CSV") { grids, points, crs, output };
        command.SetAction(parse => Run(parse.GetValue(grids)!, parse.GetValue(points)!, parse.GetValue(crs), parse.GetValue(output)!));
        return command;
    }

    private static int Run(FileInfo gridsFile, FileInfo pointsFile, string? crsName, FileInfo outFile)
    {
        var system = CoordinateSystems.Parse(crsName, "--crs");
        if (!pointsFile.Exists) throw new Core.BadInputException(pointsFile.Name, null, "the points file does not exist");
        var clock = Stopwatch.StartNew();
        var locator = GridLocator.Build(GridPlanFile.Read(gridsFile.FullName));
        var built = clock.Elapsed;

        var temp = outFile.FullName + ".partial";
        long total = 0, inside = 0;
        try
        {
            using (var reader = new StreamReader(pointsFile.FullName, System.Text.Encoding.UTF8, true, 1 << 16))
            using (var writer = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false), 1 << 16))
            {
                var csv = new PointCsvReader(reader, pointsFile.Name);
                var batch = new PointBatch(BatchSize);
                var found = new int[BatchSize];
                writer.Write("id,grid_code\n");
                while (csv.ReadBatch(batch))
                {
                    var n = batch.Count;
                    Parallel.For(0, Environment.ProcessorCount, part =>
                    {
                        for (int i = n * part / Environment.ProcessorCount, end = n * (part + 1) / Environment.ProcessorCount; i < end; i++)
                        {
                            var p = CoordinateConverter.ToWgs84(batch.Lons[i], batch.Lats[i], system);
                            found[i] = locator.LocateIndex(p.Lon, p.Lat);
                        }
                    });
                    for (var i = 0; i < n; i++)
                    {
                        writer.Write(CsvLine.Escape(batch.Ids[i]));
                        writer.Write(',');
                        if (found[i] >= 0) { writer.Write(locator.Grids[found[i]].Code); inside++; }
                        writer.Write('\n');
                    }
                    total += n;
                }
            }
            File.Move(temp, outFile.FullName, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        Console.WriteLine($"located {total} points ({CoordinateSystems.NameOf(system)}): {inside} in a grid, {total - inside} outside every grid; " +
                          $"{locator.Grids.Count} grids indexed in {built.TotalSeconds:0.00} s, total {clock.Elapsed.TotalSeconds:0.00} s");
        return CliRunner.Ok;
    }
}

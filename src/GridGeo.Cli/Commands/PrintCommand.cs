using System.CommandLine;
using System.Diagnostics;
using GridGeo.Api.Printing;
using GridGeo.Core;
using GridGeo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>print board --grid CODE --out FILE.pdf|FILE.png [--dpi N] [--base-url URL]</c> and
/// <c>print map --street CODE --out FILE.pdf|FILE.png [--dpi N]</c>: the notice board of a current grid and the wall
/// map of a street, as <c>GET /api/grids/{code}/board.*</c> and <c>GET /api/streets/{code}/map.*</c> print them,
/// from the database to a file. The services come from the API's own <c>AddPrinting()</c>, so the boards name the
/// same people (<see cref="IGridStaffSource"/>) as the HTTP ones.
/// </summary>
public static class PrintCommand
{
    public static Command Create()
    {
        var command = new Command("print", "print a grid's notice board (网格公示牌, A4) or a street's wall map (A3) as PDF or PNG");
        command.Subcommands.Add(Board());
        command.Subcommands.Add(Map());
        return command;
    }

    private static Command Board()
    {
        var grid = new Option<string>("--grid") { Description = "the 15-digit code of a current grid", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "the file to write: .pdf or .png", Required = true };
        var dpi = new Option<int>("--dpi") { Description = "PNG resolution (72..600)", DefaultValueFactory = _ => 150 };
        var baseUrl = new Option<string?>("--base-url") { Description = "the service's public address for the QR code (default GridGeo:Print:PublicBaseUrl, else http://127.0.0.1:5080)" };
        var command = new Command("board", "the A4 notice board of one grid") { grid, output, dpi, baseUrl };
        command.SetAction(async (parse, ct) =>
        {
            var code = parse.GetValue(grid)!;
            if (!AdminCodes.IsGridCode(code)) throw new BadInputException("--grid", $"\"{code}\"", "must be a 15-digit grid code");
            var (path, png) = OutputOf(parse.GetValue(output)!);
            var resolution = DpiOf(parse.GetValue(dpi));
            var url = parse.GetValue(baseUrl);
            if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _)) throw new BadInputException("--base-url", $"\"{url}\"", "must be an absolute URL");

            await using var services = Services();
            var print = services.GetRequiredService<PrintService>();
            var clock = Stopwatch.StartNew();
            var board = await print.LoadBoardAsync(code, url, ct) ?? throw new BadInputException("--grid", code, "no current grid has this code");
            var loaded = clock.Elapsed;
            var file = png ? PrintService.BoardPng(board, resolution) : PrintService.BoardPdf(board);
            Write(path, file.Bytes);
            Console.WriteLine($"printed the notice board of grid {code} ({board.Name}) to {path}: {file.Bytes.Length / 1024.0:F0} KiB; " +
                              $"read {loaded.TotalMilliseconds:F0} ms, drew {(clock.Elapsed - loaded).TotalMilliseconds:F0} ms");
            return CliRunner.Ok;
        });
        return command;
    }

    private static Command Map()
    {
        var street = new Option<string>("--street") { Description = "the 9-digit code of a street (街道/乡镇)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "the file to write: .pdf (map + grid list) or .png (the map page)", Required = true };
        var dpi = new Option<int>("--dpi") { Description = "PNG resolution (72..600)", DefaultValueFactory = _ => 150 };
        var command = new Command("map", "the A3 wall map of one street, every grid labelled") { street, output, dpi };
        command.SetAction(async (parse, ct) =>
        {
            var code = parse.GetValue(street)!;
            if (!AdminCodes.IsStreetCode(code)) throw new BadInputException("--street", $"\"{code}\"", "must be a 9-digit street code");
            var (path, png) = OutputOf(parse.GetValue(output)!);
            var resolution = DpiOf(parse.GetValue(dpi));

            await using var services = Services();
            var print = services.GetRequiredService<PrintService>();
            var clock = Stopwatch.StartNew();
            var map = await print.LoadStreetAsync(code, ct) ?? throw new BadInputException("--street", code, "no street has this code");
            if (map.StreetGrids.Count == 0) throw new BadInputException("--street", code, "the street has no current grids to print: publish a plan for its communities first");
            var loaded = clock.Elapsed;
            var file = png ? PrintService.StreetPng(map, resolution) : PrintService.StreetPdf(map);
            Write(path, file.Bytes);
            Console.WriteLine($"printed the map of street {code} ({map.StreetName}, {map.StreetGrids.Count} grids) to {path}: {file.Bytes.Length / 1024.0:F0} KiB; " +
                              $"read {loaded.TotalMilliseconds:F0} ms, drew {(clock.Elapsed - loaded).TotalMilliseconds:F0} ms");
            return CliRunner.Ok;
        });
        return command;
    }

    /// <summary>The API's printing services over the configured database (environment and <c>GRIDGEO_DB</c>).</summary>
    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddGridGeoStorage(configuration)
            .AddPrinting()
            .BuildServiceProvider();
    }

    private static (string Path, bool Png) OutputOf(FileInfo file)
    {
        var extension = file.Extension.ToLowerInvariant();
        if (extension is not (".pdf" or ".png")) throw new BadInputException("--out", file.Name, "must end in .pdf or .png");
        return (file.FullName, extension == ".png");
    }

    private static int DpiOf(int dpi) => dpi is >= 72 and <= 600 ? dpi : throw new BadInputException("--dpi", dpi.ToString(), "must be within 72..600");

    private static void Write(string path, byte[] bytes)
    {
        var partial = path + ".partial";
        File.WriteAllBytes(partial, bytes);
        File.Move(partial, path, overwrite: true);
    }
}

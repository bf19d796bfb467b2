using System.CommandLine;
using System.Diagnostics;
using GridGeo.Core.Generation;
using GridGeo.IO.Bundles;

namespace GridGeo.Cli.Commands;

/// <summary><c>generate --out DIR</c>: writes a synthetic district bundle made by <see cref="DistrictGenerator"/>.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new DistrictGeneratorOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "the bundle folder to write (created when missing)", Required = true };
        var households = new Option<int>("--households") { Description = "total households (the result is within ±2%)", DefaultValueFactory = _ => defaults.Households };
        var seed = new Option<int>("--seed") { Description = "random seed: the same seed gives the same bundle", DefaultValueFactory = _ => defaults.Seed };
        var county = new Option<string>("--county") { Description = "6-digit county code", DefaultValueFactory = _ => defaults.CountyCode };
        var perCommunity = new Option<int>("--per-community") { Description = "mean households of a community", DefaultValueFactory = _ => defaults.HouseholdsPerCommunity };
        var noCsv = new Option<bool>("--no-households-csv") { Description = "write buildings with counts only, no households.csv" };
        var command = new Command("generate", "write a synthetic district bundle (communities, buildings, households, compounds, dedicated areas, barriers)")
        {
            output, households, seed, county, perCommunity, noCsv,
        };
        command.SetAction(parse =>
        {
            var options = new DistrictGeneratorOptions
            {
                Households = parse.GetValue(households),
                Seed = parse.GetValue(seed),
                CountyCode = parse.GetValue(county)!,
                HouseholdsPerCommunity = parse.GetValue(perCommunity),
                IncludeHouseholds = !parse.GetValue(noCsv),
            };
            try { options.Validate(); }
            catch (ArgumentException ex) { throw new Core.BadInputException("generate", null, ex.Message); }
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var bundle = DistrictGenerator.Generate(options);
            var generated = clock.Elapsed;
            process.Refresh();
            var generatedCpu = process.TotalProcessorTime - cpuBefore;
            var directory = parse.GetValue(output)!.FullName;
            BundleWriter.Write(directory, bundle);
            var written = clock.Elapsed - generated;
            Console.WriteLine($"communities {bundle.Communities.Count} (streets {bundle.Communities.Select(c => c.StreetCode).Distinct().Count()}), " +
                              $"buildings {bundle.Buildings.Count}, households {bundle.TotalHouseholds} (target {options.Households}), " +
                              $"compounds {bundle.CompoundList.Count}, dedicated areas {bundle.DedicatedList.Count}, barriers {bundle.BarrierList.Count}");
            process.Refresh();
            var writtenCpu = process.TotalProcessorTime - cpuBefore - generatedCpu;
            Console.WriteLine($"generated in {generated.TotalSeconds:F2} s (CPU {generatedCpu.TotalSeconds:F2} s), " +
                              $"written in {written.TotalSeconds:F2} s (CPU {writtenCpu.TotalSeconds:F2} s) to {directory}");
            return CliRunner.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GridGeo.Core.Generation;
using GridGeo.IO.Bundles;

namespace GridGeo.Cli.Commands;

/// <summary>
/// <c>generate --out DIR</c>: writes a synthetic district bundle made by <see cref="DistrictGenerator"/>; with
/// <c>--counties N</c> (N &gt; 1) a province laid out by <see cref="ProvinceLayout"/>, one bundle per county in
/// <c>DIR/&lt;county code&gt;/</c>, generated and written one county at a time so memory holds one county only.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new DistrictGeneratorOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "the bundle folder to write (created when missing); with --counties, the folder of the county bundles", Required = true };
        var households = new Option<int>("--households") { Description = "total households (the result is within ±2%)", DefaultValueFactory = _ => defaults.Households };
        var seed = new Option<int>("--seed") { Description = "random seed: the same seed gives the same bundle (county k of a province: seed + k)", DefaultValueFactory = _ => defaults.Seed };
        var county = new Option<string>("--county") { Description = "6-digit county code (with --counties: the first; the others count up by one)", DefaultValueFactory = _ => defaults.CountyCode };
        var counties = new Option<int>("--counties") { Description = "a province of this many counties side by side, one bundle each", DefaultValueFactory = _ => 1 };
        var center = new Option<string?>("--center") { Description = $"LON,LAT of the district's (or province's) centre (default {defaults.CenterLon.ToString(CultureInfo.InvariantCulture)},{defaults.CenterLat.ToString(CultureInfo.InvariantCulture)})" };
        var perCommunity = new Option<int>("--per-community") { Description = "mean households of a community", DefaultValueFactory = _ => defaults.HouseholdsPerCommunity };
        var noCsv = new Option<bool>("--no-households-csv") { Description = "write buildings with counts only, no households.csv" };
        var command = new Command("generate", "write a synthetic district bundle (communities, buildings, households, compounds, dedicated areas, barriers), or a province of several")
        {
            output, households, seed, county, counties, center, perCommunity, noCsv,
        };
        command.SetAction(parse =>
        {
            var (lon, lat) = ParseCenter(parse.GetValue(center), defaults);
            var directory = parse.GetValue(output)!.FullName;
            var province = new ProvinceGeneratorOptions
            {
                Households = parse.GetValue(households),
                Counties = parse.GetValue(counties),
                Seed = parse.GetValue(seed),
                FirstCountyCode = parse.GetValue(county)!,
                CenterLon = lon,
                CenterLat = lat,
                HouseholdsPerCommunity = parse.GetValue(perCommunity),
                IncludeHouseholds = !parse.GetValue(noCsv),
            };
            IReadOnlyList<DistrictGeneratorOptions> districts;
            try
            {
                if (province.Counties == 1)
                {
                    var single = new DistrictGeneratorOptions
                    {
                        Households = province.Households, Seed = province.Seed, CountyCode = province.FirstCountyCode, CenterLon = lon, CenterLat = lat,
                        HouseholdsPerCommunity = province.HouseholdsPerCommunity, IncludeHouseholds = province.IncludeHouseholds,
                    };
                    single.Validate();
                    districts = [single];
                }
                else districts = ProvinceLayout.Counties(province);
            }
            catch (ArgumentException ex) { throw new Core.BadInputException("generate", null, ex.Message); }

            long total = 0;
            foreach (var district in districts)
                total += GenerateOne(district, districts.Count == 1 ? directory : Path.Combine(directory, district.CountyCode));
            if (districts.Count > 1)
                Console.WriteLine($"province: {districts.Count} counties ({districts[0].CountyCode}–{districts[^1].CountyCode}), households {total} (target {province.Households}) in {directory}");
            return CliRunner.Ok;
        });
        return command;
    }

    private static long GenerateOne(DistrictGeneratorOptions options, string directory)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var bundle = DistrictGenerator.Generate(options);
        var generated = clock.Elapsed;
        process.Refresh();
        var generatedCpu = process.TotalProcessorTime - cpuBefore;
        BundleWriter.Write(directory, bundle);
        var written = clock.Elapsed - generated;
        Console.WriteLine($"county {options.CountyCode}: communities {bundle.Communities.Count} (streets {bundle.Communities.Select(c => c.StreetCode).Distinct().Count()}), " +
                          $"buildings {bundle.Buildings.Count}, households {bundle.TotalHouseholds} (target {options.Households}), " +
                          $"compounds {bundle.CompoundList.Count}, dedicated areas {bundle.DedicatedList.Count}, barriers {bundle.BarrierList.Count}");
        process.Refresh();
        var writtenCpu = process.TotalProcessorTime - cpuBefore - generatedCpu;
        Console.WriteLine($"generated in {generated.TotalSeconds:F2} s (CPU {generatedCpu.TotalSeconds:F2} s), " +
                          $"written in {written.TotalSeconds:F2} s (CPU {writtenCpu.TotalSeconds:F2} s) to {directory}");
        return bundle.TotalHouseholds;
    }

    private static (double Lon, double Lat) ParseCenter(string? text, DistrictGeneratorOptions defaults)
    {
        if (text is null) return (defaults.CenterLon, defaults.CenterLat);
        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.IsFinite(lon) && double.IsFinite(lat))
            return (lon, lat);
        throw new Core.BadInputException("generate", "--center", $"must be LON,LAT in decimal degrees, not \"{text}\"");
    }
}

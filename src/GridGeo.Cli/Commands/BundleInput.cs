using System.CommandLine;
using GridGeo.Core.Geo.Crs;
using GridGeo.Core.Model;
using GridGeo.IO.Bundles;

namespace GridGeo.Cli.Commands;

/// <summary>
/// How every command that takes <c>--data</c> reads its bundle: GeoJSON, shapefiles or <c>bundle.gpkg</c> (contract §1),
/// with <c>--crs EPSG:NNNN</c> for layers that declare no coordinate reference system (and households.csv's x,y).
/// </summary>
public static class BundleInput
{
    /// <summary>Adds <c>--crs</c> to <paramref name="command"/> and returns a reader of the bundle named by <paramref name="data"/>.</summary>
    public static Func<ParseResult, DistrictBundle> AddTo(Command command, Option<DirectoryInfo> data)
    {
        var crs = new Option<string?>("--crs")
        {
            Description = $"the coordinate reference system of layers that declare none (no .prj, GeoJSON, households.csv x,y): {ReferenceSystems.Accepted}",
        };
        command.Options.Add(crs);
        return parse =>
        {
            var text = parse.GetValue(crs);
            var system = string.IsNullOrWhiteSpace(text) ? null : ReferenceSystems.Parse(text, "--crs");
            return BundleReader.Read(parse.GetValue(data)!.FullName, system);
        };
    }
}

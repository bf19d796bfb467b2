using System.CommandLine;
using GridGeo.Cli;
using GridGeo.Cli.Commands;
using GridGeo.Core.Geo;
using GridGeo.Core.Lookup;
using GridGeo.Core.Model;
using GridGeo.IO.Plans;
using NetTopologySuite.Geometries;

namespace GridGeo.Cli.Tests.Commands;

[Collection("Console")]
public sealed class LocateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-locate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<Grid> Lattice(int n, double size)
    {
        var grids = new List<Grid>();
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            double x0 = 106 + i * size, y0 = 26 + j * size;
            var ring = GeoFactory.Wgs84.CreateLinearRing([new(x0, y0), new(x0 + size, y0), new(x0 + size, y0 + size), new(x0, y0 + size), new(x0, y0)]);
            var code = "520102001001" + (1 + i * n + j).ToString("D3");
            grids.Add(new Grid(code, code[..12], GridKinds.Basic, null, 0, [], GeoFactory.Wgs84.CreatePolygon(ring)));
        }
        return grids;
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try { return (await CliRunner.RunAsync(root, args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    private string WritePlan(List<Grid> grids)
    {
        var path = Path.Combine(_dir, "grids.geojson");
        GridPlanFile.Write(path, grids);
        return path;
    }

    [Fact]
    public async Task Writes_one_row_per_point_in_input_order_with_the_locator_answer()
    {
        var grids = Lattice(4, 0.001);
        var plan = WritePlan(grids);
        var locator = GridLocator.Build(GridPlanFile.Read(plan));
        var random = new Random(3);
        var points = Enumerable.Range(0, 500).Select(i => ($"p{i}", 105.9995 + random.NextDouble() * 0.005, 25.9995 + random.NextDouble() * 0.005)).ToList();
        File.WriteAllLines(Path.Combine(_dir, "points.csv"),
            ["id,lon,lat", .. points.Select(p => FormattableString.Invariant($"{p.Item1},{p.Item2:R},{p.Item3:R}"))]);
        var outPath = Path.Combine(_dir, "located.csv");

        var (exit, stdout, _) = await Run("locate", "--grids", plan, "--points", Path.Combine(_dir, "points.csv"), "--out", outPath);

        Assert.Equal(CliRunner.Ok, exit);
        Assert.Contains("located 500 points", stdout);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal("id,grid_code", lines[0]);
        Assert.Equal(points.Count, lines.Length - 1);
        for (var i = 0; i < points.Count; i++)
            Assert.Equal($"{points[i].Item1},{locator.Locate(points[i].Item2, points[i].Item3)?.Code}", lines[i + 1]);
        Assert.Contains(lines, l => l.EndsWith(','));
        Assert.Contains(lines.Skip(1), l => !l.EndsWith(','));
    }

    [Fact]
    public async Task Gcj02_points_are_converted_before_the_lookup()
    {
        var grids = Lattice(15, 0.001);
        var plan = WritePlan(grids);
        var target = grids[7 * 15 + 7];
        var c = target.Boundary.InteriorPoint.Coordinate;
        var shown = CoordinateConverter.FromWgs84(c.X, c.Y, CoordinateSystem.Gcj02);
        File.WriteAllText(Path.Combine(_dir, "p.csv"), FormattableString.Invariant($"id,lon,lat\nq,{shown.Lon:R},{shown.Lat:R}\n"));
        var outPath = Path.Combine(_dir, "o.csv");

        var (exit, _, _) = await Run("locate", "--grids", plan, "--points", Path.Combine(_dir, "p.csv"), "--crs", "gcj02", "--out", outPath);

        Assert.Equal(CliRunner.Ok, exit);
        Assert.Equal($"q,{target.Code}", File.ReadAllLines(outPath)[1]);
    }

    [Fact]
    public async Task A_bad_row_exits_2_with_its_line_number_and_leaves_no_output()
    {
        var plan = WritePlan(Lattice(2, 0.001));
        File.WriteAllText(Path.Combine(_dir, "p.csv"), "id,lon,lat\na,106,26\nb,106,x\n");
        var outPath = Path.Combine(_dir, "o.csv");

        var (exit, _, stderr) = await Run("locate", "--grids", plan, "--points", Path.Combine(_dir, "p.csv"), "--out", outPath);

        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains("p.csv: line 3", stderr);
        Assert.False(File.Exists(outPath));
        Assert.Empty(Directory.GetFiles(_dir, "*.partial"));
    }

    [Fact]
    public async Task An_unknown_crs_exits_2_naming_the_option_and_the_allowed_values()
    {
        var plan = WritePlan(Lattice(2, 0.001));
        File.WriteAllText(Path.Combine(_dir, "p.csv"), "id,lon,lat\na,106,26\n");

        var (exit, _, stderr) = await Run("locate", "--grids", plan, "--points", Path.Combine(_dir, "p.csv"), "--crs", "mars", "--out", Path.Combine(_dir, "o.csv"));

        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains("--crs", stderr);
        Assert.Contains("gcj02", stderr);
    }
}

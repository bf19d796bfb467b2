using System.CommandLine;
using GridGeo.Cli.Commands;
using GridGeo.Cli.Tests.Support;
using GridGeo.IO.Bundles;
using GridGeo.Rendering.Tests.Support;
using GridGeo.Storage.Import;
using GridGeo.Storage.Plans;
using GridGeo.Testing;
using SkiaSharp;

namespace GridGeo.Cli.Tests.Commands;

/// <summary><c>print board|map</c> writes from the database the notice boards and street maps the HTTP API serves.</summary>
[Collection("Console")]
public sealed class PrintCommandTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime, IDisposable
{
    private const string County = "520102";
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-print-").FullName;
    private static readonly string Grid = $"{TestBundle.CommunityCode(County, 1)}002";

    public async Task InitializeAsync()
    {
        await InProcessCli.SeedPublishedHalvesAsync(db, County);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => InProcessCli.RunAsync(db, args);

    [Fact]
    public async Task Board_and_map_are_written_as_pdf_and_png()
    {
        var board = Path.Combine(_dir, "board.pdf");
        var (exit, output, error) = await Run("print", "board", "--grid", Grid, "--out", board, "--base-url", "https://grids.example.cn");
        Assert.True(exit == 0, error);
        Assert.Contains(Grid, output);
        var text = Poppler.Text(board);
        Assert.Contains("网格公示牌", text);
        Assert.Contains(Grid, text);
        Assert.Contains($"https://grids.example.cn/?grid={Grid}", string.Concat(text.Where(c => !char.IsWhiteSpace(c))));

        var png = Path.Combine(_dir, "board.png");
        Assert.Equal(0, (await Run("print", "board", "--grid", Grid, "--out", png, "--dpi", "72")).Exit);
        using (var bitmap = SKBitmap.Decode(png)) Assert.Equal((596, 842), (bitmap.Width, bitmap.Height));

        var map = Path.Combine(_dir, "street.pdf");
        (exit, _, error) = await Run("print", "map", "--street", County + "001", "--out", map);
        Assert.True(exit == 0, error);
        Assert.Equal(2, Poppler.Pages(map));
        Assert.Contains(Grid, Poppler.Text(map));
    }

    [Theory]
    [InlineData("--grid", "12345", "board.pdf", "--grid")]
    [InlineData("--grid", "520102001009009", "board.pdf", "--grid")]
    [InlineData("--grid", "520102001001001", "board.svg", "--out")]
    public async Task Bad_input_exits_2_naming_the_option(string option, string value, string file, string named)
    {
        var (exit, _, error) = await Run("print", "board", option, value, "--out", Path.Combine(_dir, file));
        Assert.Equal(2, exit);
        Assert.Contains(named, error);
        Assert.False(File.Exists(Path.Combine(_dir, file)));
    }

    [Fact]
    public async Task An_unknown_street_exits_2()
    {
        var (exit, _, error) = await Run("print", "map", "--street", "520102009", "--out", Path.Combine(_dir, "x.pdf"));
        Assert.Equal(2, exit);
        Assert.Contains("--street", error);
    }
}

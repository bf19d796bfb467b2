using System.Net;
using System.Text.Json;
using GridGeo.Api.Printing;
using GridGeo.Rendering.Boards;
using GridGeo.Rendering.Tests.Support;
using GridGeo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace GridGeo.Api.Tests.Printing;

/// <summary>The app with a roster stand-in behind <see cref="IGridStaffSource"/> (one grid staffed) and a public base URL for QR codes.</summary>
public sealed class PrintApiFactory : GridGeoApiFactory
{
    public const string County = "520101";
    public static readonly string StaffedGrid = $"{TestBundle.CommunityCode(County, 1)}001";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["GridGeo:Print:PublicBaseUrl"] = "https://grids.example.cn",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IGridStaffSource>(new OneGridStaffed()));
    }

    private sealed class OneGridStaffed : IGridStaffSource
    {
        public Task<IReadOnlyList<GridStaffMember>> GetStaffAsync(string gridCode, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<GridStaffMember>>(gridCode == StaffedGrid
                ? [new(StaffRoles.GridWorker, "陈晓梅", "13700001111"), new(StaffRoles.GridHead, "周国强", "13700002222")]
                : []);
    }
}

public sealed class PrintApiTests(PrintApiFactory api) : IClassFixture<PrintApiFactory>, IAsyncLifetime
{
    private const string County = PrintApiFactory.County;
    private static readonly string Street = County + "001";
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-print-").FullName;

    public async Task InitializeAsync() => await api.SeedPublishedPlanAsync(County);

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<string> SaveAsync(HttpResponseMessage response, string name)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    [Fact]
    public async Task The_board_pdf_names_the_grid_its_community_and_the_people_from_the_staff_source()
    {
        // Names and phones are personal data: printed for a caller with a key (any role).
        var reader = await Editing.EditClient.WithKeyAsync(api, Storage.Auth.ApiRoles.Reader);
        var response = await reader.Http.GetAsync($"/api/grids/{PrintApiFactory.StaffedGrid}/board.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"board-{PrintApiFactory.StaffedGrid}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var pdf = await SaveAsync(response, "board.pdf");
        Assert.Equal(1, Poppler.Pages(pdf));
        var text = Poppler.Text(pdf);
        foreach (var expected in new[] { "网格公示牌", PrintApiFactory.StaffedGrid, TestBundle.CommunityCode(County, 1), "陈晓梅", "13700001111", "周国强" })
            Assert.Contains(expected, text);
        // The QR code's address is printed under it in small type (text extraction may split it at a line or a gap).
        Assert.Contains($"https://grids.example.cn/?grid={PrintApiFactory.StaffedGrid}", string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
    }

    [Fact]
    public async Task Without_a_key_the_board_prints_blank_lines_instead_of_names_and_phones()
    {
        var text = Poppler.Text(await SaveAsync(await api.CreateClient().GetAsync($"/api/grids/{PrintApiFactory.StaffedGrid}/board.pdf"), "board-nokey.pdf"));
        Assert.Contains(PrintApiFactory.StaffedGrid, text);
        Assert.DoesNotContain("陈晓梅", text);
        Assert.DoesNotContain("13700001111", text);
    }

    [Fact]
    public async Task A_grid_without_staff_prints_blank_lines_and_its_png_is_a4_at_the_asked_resolution()
    {
        var other = $"{TestBundle.CommunityCode(County, 2)}001";
        var pdf = await SaveAsync(await api.CreateClient().GetAsync($"/api/grids/{other}/board.pdf"), "blank.pdf");
        var text = Poppler.Text(pdf);
        Assert.Contains("网格员 Grid worker", text);
        Assert.DoesNotContain("陈晓梅", text);

        var response = await api.CreateClient().GetAsync($"/api/grids/{other}/board.png?dpi=72");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((596, 842), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task The_street_map_labels_every_grid_of_the_street_and_lists_them()
    {
        var response = await api.CreateClient().GetAsync($"/api/streets/{Street}/map.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await SaveAsync(response, "street.pdf");
        Assert.Equal(2, Poppler.Pages(pdf)); // the map, then the grid list
        var text = Poppler.Text(pdf);
        var grids = JsonDocument.Parse(await api.CreateClient().GetStringAsync($"/api/grids?community={TestBundle.CommunityCode(County, 1)}"))
            .RootElement.GetProperty("features").EnumerateArray()
            .Concat(JsonDocument.Parse(await api.CreateClient().GetStringAsync($"/api/grids?community={TestBundle.CommunityCode(County, 2)}"))
                .RootElement.GetProperty("features").EnumerateArray())
            .Select(f => f.GetProperty("id").GetString()!).ToList();
        Assert.Equal(4, grids.Count);
        // Each code twice: its label on the map and its row in the list.
        foreach (var code in grids) Assert.True(text.Split(code).Length - 1 >= 2, $"{code} appears fewer than twice");

        var png = await api.CreateClient().GetAsync($"/api/streets/{Street}/map.png?dpi=72");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        using var bitmap = SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync());
        Assert.Equal((1191, 842), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("/api/grids/12345/board.pdf", "code")]
    [InlineData("/api/grids/12345/board.png", "code")]
    [InlineData("/api/grids/520101001001001/board.png?dpi=1000", "dpi")]
    [InlineData("/api/grids/520101001001001/board.png?dpi=abc", "dpi")]
    [InlineData("/api/streets/5201/map.pdf", "code")]
    [InlineData("/api/streets/520101001/map.png?dpi=10", "dpi")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        var response = await api.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("/api/grids/520101001009009/board.pdf", "520101001009009")]
    [InlineData("/api/grids/520101001009009/board.png", "520101001009009")]
    [InlineData("/api/streets/520101009/map.pdf", "520101009")]
    public async Task Unknown_grids_and_streets_are_404_problems(string url, string code)
    {
        var response = await api.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }
}

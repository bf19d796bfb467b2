using GridGeo.Api.Shared;
using GridGeo.Core;
using GridGeo.Storage.Printing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GridGeo.Api.Printing;

/// <summary>
/// Printed boards and maps: <c>GET /api/grids/{code}/board.pdf</c> and <c>board.png?dpi=</c> (the grid's A4 notice
/// board, 网格公示牌), <c>GET /api/streets/{code}/map.pdf</c> (the street's A3 wall map with every grid labelled, then
/// its grid list) and <c>map.png?dpi=</c> (the map page alone).
/// </summary>
public static class PrintApi
{
    public static IServiceCollection AddPrinting(this IServiceCollection services)
    {
        services.AddSingleton(sp => PrintOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<PrintLayerStore>();
        services.TryAddSingleton<IGridStaffSource, RosterGridStaff>();
        services.AddSingleton<PrintService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPrintApi(this IEndpointRouteBuilder app)
    {
        var grids = app.MapGroup("/api/grids").WithTags("Printing");
        grids.MapGet("/{code}/board.pdf", async (string code, HttpRequest request, PrintService print, CancellationToken ct) =>
            {
                if (!AdminCodes.IsGridCode(code)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{code}\"");
                var board = await LoadBoardAsync(code, request, print, ct);
                return board is null ? ApiProblems.NotFound($"no current grid has the code {code}") : File(PrintService.BoardPdf(board));
            })
            .WithSummary("the grid's notice board (网格公示牌) as an A4 portrait PDF: map with neighbours, code, households, liaison units, who serves it, QR code")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        grids.MapGet("/{code}/board.png", async (string code, string? dpi, HttpRequest request, PrintService print, PrintOptions options, CancellationToken ct) =>
            {
                if (!AdminCodes.IsGridCode(code)) return ApiProblems.BadParameter("code", $"must be a 15-digit grid code, not \"{code}\"");
                var (resolution, error) = ParseDpi(dpi, options);
                if (error is not null) return error;
                var board = await LoadBoardAsync(code, request, print, ct);
                return board is null ? ApiProblems.NotFound($"no current grid has the code {code}") : File(PrintService.BoardPng(board, resolution));
            })
            .WithSummary("the grid's notice board as a PNG image (dpi: 72..MaxDpi, default 150)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var streets = app.MapGroup("/api/streets").WithTags("Printing");
        streets.MapGet("/{code}/map.pdf", async (string code, PrintService print, CancellationToken ct) =>
            {
                var (map, error) = await LoadStreetAsync(code, print, ct);
                return error ?? File(PrintService.StreetPdf(map!));
            })
            .WithSummary("the street's wall map as PDF: an A3 landscape map with every current grid labelled (code, households), then the grid list")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        streets.MapGet("/{code}/map.png", async (string code, string? dpi, PrintService print, PrintOptions options, CancellationToken ct) =>
            {
                var (resolution, dpiError) = ParseDpi(dpi, options);
                if (dpiError is not null) return dpiError;
                var (map, error) = await LoadStreetAsync(code, print, ct);
                return error ?? File(PrintService.StreetPng(map!, resolution));
            })
            .WithSummary("the street's A3 wall map page as a PNG image (dpi: 72..MaxDpi, default 150)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The board of grid <paramref name="code"/>. Names and phones are personal data (contract §4): they are printed for a
    /// caller with a key (or when <c>GridGeo:Auth:OpenPersonalData</c> is on) and the read is audited; anyone else gets
    /// the board with blank lines to fill in by hand.
    /// </summary>
    private static async Task<Rendering.Boards.GridBoard?> LoadBoardAsync(string code, HttpRequest request, PrintService print, CancellationToken ct)
    {
        var http = request.HttpContext;
        var withPeople = http.User.Identity?.IsAuthenticated == true || http.RequestServices.GetRequiredService<Auth.AuthOptions>().OpenPersonalData;
        var board = await print.LoadBoardAsync(code, BaseUrlOf(request), ct, withPeople);
        if (board is not null && withPeople && board.Staff.Count > 0)
            await http.RequestServices.GetRequiredService<Storage.Staffing.StaffStore>().AuditReadAsync(Auth.ApiKeyClaims.Who(http.User), "board",
                new { grid = code }, ct);
        return board;
    }

    private static async Task<(Rendering.Streets.StreetMap? Map, IResult? Error)> LoadStreetAsync(string code, PrintService print, CancellationToken ct)
    {
        if (!AdminCodes.IsStreetCode(code)) return (null, ApiProblems.BadParameter("code", $"must be a 9-digit street code, not \"{code}\""));
        var map = await print.LoadStreetAsync(code, ct);
        if (map is null) return (null, ApiProblems.NotFound($"no street has the code {code}"));
        if (map.StreetGrids.Count == 0) return (null, ApiProblems.NotFound($"street {code} has no current grids to print: publish a plan for its communities first"));
        return (map, null);
    }

    private static (float Dpi, IResult? Error) ParseDpi(string? dpi, PrintOptions options)
    {
        if (dpi is null) return (Rendering.Pages.PageWriter.DefaultDpi, null);
        if (!int.TryParse(dpi, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 72 || value > options.MaxDpi)
            return (0, ApiProblems.BadParameter("dpi", $"must be a whole number within 72..{options.MaxDpi}, not \"{dpi}\""));
        return (value, null);
    }

    private static string BaseUrlOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static IResult File(PrintedFile file) => Results.File(file.Bytes, file.ContentType, file.FileName);
}

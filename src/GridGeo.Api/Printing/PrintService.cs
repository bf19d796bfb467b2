using GridGeo.Core.Model;
using GridGeo.Rendering;
using GridGeo.Rendering.Boards;
using GridGeo.Rendering.Pages;
using GridGeo.Rendering.Streets;
using GridGeo.Storage.Plans;
using GridGeo.Storage.Printing;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Printing;

/// <summary>A rendered document: its bytes, media type and a file name to save it under.</summary>
public sealed record PrintedFile(byte[] Bytes, string ContentType, string FileName);

/// <summary>
/// Prints what is stored: a grid's notice board (A4, PDF or PNG) and a street's wall map (A3 map + grid list pages,
/// PDF; or the map page as PNG). Reads the current grids and the district's layers, asks <see cref="IGridStaffSource"/>
/// who serves the grid, and renders with <see cref="GridGeo.Rendering"/>. Shared by the HTTP endpoints and the CLI.
/// </summary>
public sealed class PrintService(PlanStore plans, PrintLayerStore layers, IGridStaffSource staff, PrintOptions options, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The board of the current grid <paramref name="code"/>; null when no current grid has that code.</summary>
    public async Task<GridBoard?> LoadBoardAsync(string code, string? requestBaseUrl, CancellationToken ct, bool withPeople = true)
    {
        var details = await plans.GetGridAsync(code, ct);
        if (details is null) return null;
        var grid = details.Stored.Grid;
        var area = await layers.LoadAsync(GridBoardPage.MapExtent(grid), ct);
        var units = await layers.LiaisonUnitsOfAsync(code, ct);
        var people = withPeople ? await staff.GetStaffAsync(code, ct) : [];
        return new GridBoard(grid, details.CommunityName, details.StreetName, details.CountyName, units, people,
            options.PageUrlOf(code, requestBaseUrl), ToMapLayers(area), Today(), Bounds);
    }

    /// <summary>The wall map of street <paramref name="code"/>; null when no street has that code; an empty grid list when it has no current grids.</summary>
    public async Task<StreetMap?> LoadStreetAsync(string code, CancellationToken ct)
    {
        var street = await layers.GetStreetAsync(code, ct);
        if (street is null) return null;
        var extent = await layers.StreetGridsExtentAsync(code, ct);
        if (extent is null) return new StreetMap(code, street.Name, street.CountyName, MapLayers.Empty, Today(), Bounds);
        var area = await layers.LoadAsync(StreetMapPage.MapExtent(extent), ct);
        return new StreetMap(code, street.Name, street.CountyName, ToMapLayers(area), Today(), Bounds);
    }

    public static PrintedFile BoardPdf(GridBoard board)
    {
        using var stream = new MemoryStream();
        PageWriter.WritePdf(stream, [new GridBoardPage(board)], $"网格公示牌 {board.Name} {board.Grid.Code}");
        return new PrintedFile(stream.ToArray(), "application/pdf", $"board-{board.Grid.Code}.pdf");
    }

    public static PrintedFile BoardPng(GridBoard board, float dpi)
    {
        var (png, _) = PageWriter.RenderPng(new GridBoardPage(board), dpi);
        return new PrintedFile(png, "image/png", $"board-{board.Grid.Code}.png");
    }

    public static PrintedFile StreetPdf(StreetMap map)
    {
        using var stream = new MemoryStream();
        PageWriter.WritePdf(stream, StreetMapDocument.Pages(map), $"网格图 {map.StreetName ?? map.StreetCode}");
        return new PrintedFile(stream.ToArray(), "application/pdf", $"street-{map.StreetCode}.pdf");
    }

    public static PrintedFile StreetPng(StreetMap map, float dpi)
    {
        var (png, _) = PageWriter.RenderPng(new StreetMapPage(map), dpi);
        return new PrintedFile(png, "image/png", $"street-{map.StreetCode}.png");
    }

    private HouseholdBounds Bounds => new(options.MinHouseholds, options.MaxHouseholds);

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);

    private static MapLayers ToMapLayers(PrintLayers l) => new(l.Communities, l.Grids, l.LiaisonUnits, l.Buildings, l.Barriers);
}

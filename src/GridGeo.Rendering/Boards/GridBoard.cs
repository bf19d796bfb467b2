using GridGeo.Core.Model;

namespace GridGeo.Rendering.Boards;

/// <summary>
/// What a grid's notice board (网格公示牌) shows: the grid and its place in the code chain, its liaison units, the
/// people who serve it (empty → blank lines to fill in by hand), the address its QR code opens, and the layers around
/// it (neighbouring grids, buildings, roads and rivers, community outlines).
/// </summary>
public sealed record GridBoard(
    Grid Grid,
    string? CommunityName,
    string? StreetName,
    string? CountyName,
    IReadOnlyList<LiaisonUnit> LiaisonUnits,
    IReadOnlyList<GridStaffMember> Staff,
    string PageUrl,
    MapLayers Surroundings,
    DateOnly PrintedOn,
    HouseholdBounds? Bounds = null)
{
    /// <summary>The grid's printed name: "&lt;community&gt;第N网格", N being the grid's sequence in its community.</summary>
    public string Name => GridNames.Of(Grid, CommunityName);
}

/// <summary>Printed grid names.</summary>
public static class GridNames
{
    /// <summary>"幸福社区第5网格" for grid …005 of 幸福社区; a dedicated grid adds "（专属网格）". Without a community name the community code stands in.</summary>
    public static string Of(Grid grid, string? communityName)
    {
        var sequence = int.TryParse(grid.Code.AsSpan(12), out var n) ? n : 0;
        var name = $"{communityName ?? grid.CommunityCode}第{sequence}网格";
        return grid.Kind == GridKinds.Dedicated ? name + "（专属网格）" : name;
    }

    /// <summary>The kind of a grid in Chinese and English.</summary>
    public static string KindLabel(Grid grid) => grid.Kind == GridKinds.Dedicated
        ? $"专属网格 Dedicated{(grid.DedicatedKind is null ? "" : $" ({grid.DedicatedKind})")}"
        : "基础网格 Basic";
}

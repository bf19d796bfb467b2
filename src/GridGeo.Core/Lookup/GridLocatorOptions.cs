namespace GridGeo.Core.Lookup;

/// <summary>
/// Sizing of the <see cref="GridLocator"/>'s cell index. More cells per grid means more cells answered without
/// a point-in-polygon test, at the cost of memory (about 8 bytes per cell) and build time.
/// </summary>
public sealed record GridLocatorOptions
{
    /// <summary>Target cells per grid; the cell count is this times the number of grids, within the bounds below.</summary>
    public int CellsPerGrid { get; init; } = 256;

    /// <summary>Upper bound of the cell count.</summary>
    public int MaxCells { get; init; } = 1 << 22;

    /// <summary>Lower bound of the cell count.</summary>
    public int MinCells { get; init; } = 1 << 10;

    public static readonly GridLocatorOptions Default = new();
}

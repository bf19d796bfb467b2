namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>How a liaison unit's outline (the geometry a map shows) is drawn.</summary>
public enum LiaisonOutline
{
    /// <summary>The convex hull of the members' locations, widened by <see cref="LiaisonOptions.BufferMetres"/>, clipped to the grid.</summary>
    Hull,

    /// <summary>The union of the members' buildings' Voronoi cells within the grid: the units tile the grid.</summary>
    Cells,
}

using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning;

/// <summary>A shared boundary between two atoms' cells: its length in metres and the strongest barrier it mostly runs along.</summary>
public readonly record struct AtomEdge(int To, double Length, BarrierClass Class);

/// <summary>
/// The adjacency graph of a community's atoms: two atoms are neighbours when their cells share a
/// boundary of positive length, so any connected set of atoms has a connected union of cells.
/// Also holds each atom's cell area, perimeter and centroid (metres), the pieces that make up each
/// cell, the atoms that got no cell of their own (<see cref="HostOf"/>) and the fragments no atom reaches.
/// </summary>
public sealed class AtomGraph
{
    public required int Count { get; init; }
    public required List<AtomEdge>[] Edges { get; init; }
    public required double[] Area { get; init; }
    public required double[] Perimeter { get; init; }
    public required Coordinate[] Centroid { get; init; }
    public required List<Polygon>[] Cells { get; init; }

    /// <summary>For an atom whose cell vanished (a degenerate Voronoi cell), the atom it rides with; otherwise -1.</summary>
    public required int[] HostOf { get; init; }

    /// <summary>Connected groups of fragments that no atom's cell touches (e.g. an exclave without buildings).</summary>
    public required List<List<Polygon>> Unreached { get; init; }
}

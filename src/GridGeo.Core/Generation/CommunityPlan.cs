using NetTopologySuite.Geometries;

namespace GridGeo.Core.Generation;

/// <summary>One community (社区) or village (村) to generate: its code, names, lattice cells and household target.</summary>
internal sealed class CommunityPlan
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string StreetCode { get; init; }
    public required string StreetName { get; init; }
    public required bool IsRural { get; init; }
    public required List<(int Column, int Row)> Cells { get; init; }
    public int Target { get; set; }

    /// <summary>The boundary in metres: the union of its cells, less any exclave of another community, plus its own exclave.</summary>
    public Geometry Boundary { get; set; } = Polygon.Empty;

    /// <summary>An exclave (飞地) this community owns inside another community's cell, as a block to build on.</summary>
    public CellPatch? ExclaveBlock { get; set; }
}

using NetTopologySuite.Geometries;

namespace GridGeo.Core.Editing;

/// <summary>
/// What an edit works on: one community's boundary and all its current grids (an edit never crosses a community
/// line). <see cref="NextSequence"/> is the first grid sequence number never used in the community, for new grids.
/// </summary>
public sealed class GridEditScope(string communityCode, Geometry communityBoundary, IReadOnlyList<EditableGrid> grids, int nextSequence)
{
    public string CommunityCode { get; } = communityCode;
    public Geometry CommunityBoundary { get; } = communityBoundary;
    public IReadOnlyList<EditableGrid> Grids { get; } = grids;
    public int NextSequence { get; } = nextSequence;

    /// <summary>Square degrees below which an area is rounding noise: 1 m² at the community's latitude.</summary>
    public double AreaTolerance { get; } = GeoArea.SquareDegrees(1.0, communityBoundary.EnvelopeInternal.Centre.Y);

    /// <summary>The grid with <paramref name="code"/>; a <see cref="GridEditException"/> when the community has none.</summary>
    public EditableGrid Get(string code) =>
        Grids.FirstOrDefault(g => g.Code == code)
        ?? throw new GridEditException(EditRules.SameCommunity, code, $"grid {code} is not a current grid of community {CommunityCode}");

    /// <summary>Throws the <see cref="EditRules.Locked"/> rule when <paramref name="grid"/> is locked.</summary>
    public static void RequireUnlocked(EditableGrid grid)
    {
        if (grid.Locked) throw new GridEditException(EditRules.Locked, grid.Code, $"grid {grid.Code} is locked; unlock it before editing it");
    }
}

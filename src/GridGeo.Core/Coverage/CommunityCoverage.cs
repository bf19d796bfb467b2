namespace GridGeo.Core.Coverage;

/// <summary>
/// How exactly the grids of one community tile it, in square metres of its local metric projection:
/// <see cref="GapArea"/> is community area no grid covers, <see cref="OverlapArea"/> is area covered
/// more than once (sum of grid areas minus the area of their union), <see cref="OutsideArea"/> is grid
/// area outside the community. <see cref="MultiPartGrids"/> counts MultiPolygon grids;
/// <see cref="SplitInsidePiece"/> those with two parts in the same piece of the community (never allowed:
/// only whole exclaves may join a grid); <see cref="InvalidGrids"/> grids whose geometry is not valid.
/// </summary>
public sealed record CommunityCoverage(
    string CommunityCode,
    int Grids,
    double CommunityArea,
    double GapArea,
    double OverlapArea,
    double OutsideArea,
    int MultiPartGrids,
    int SplitInsidePiece,
    int InvalidGrids)
{
    /// <summary>True when gap, overlap and outside areas are each at most <paramref name="toleranceM2"/> and every grid is valid and not split inside a piece.</summary>
    public bool IsExact(double toleranceM2 = 1.0) =>
        GapArea <= toleranceM2 && OverlapArea <= toleranceM2 && OutsideArea <= toleranceM2 && SplitInsidePiece == 0 && InvalidGrids == 0;
}

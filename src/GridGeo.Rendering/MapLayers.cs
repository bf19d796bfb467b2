using GridGeo.Core.Model;
using Barrier = GridGeo.Core.Model.Barrier;

namespace GridGeo.Rendering;

/// <summary>
/// What a printed map draws, from GridGeo's own layers only (no network basemap), all in WGS84 lon/lat:
/// community outlines, grids, liaison-unit outlines, buildings (drawn sized by households) and the barriers
/// (roads, rivers, railways, walls).
/// </summary>
public sealed record MapLayers(
    IReadOnlyList<Community> Communities,
    IReadOnlyList<Grid> Grids,
    IReadOnlyList<LiaisonUnit> LiaisonUnits,
    IReadOnlyList<Building> Buildings,
    IReadOnlyList<Barrier> Barriers)
{
    public static readonly MapLayers Empty = new([], [], [], [], []);
}

/// <summary>The basic-grid household bounds a map colours against (grids outside them are marked).</summary>
public sealed record HouseholdBounds(int Min, int Max)
{
    public static readonly HouseholdBounds Default = new(300, 500);

    public bool Holds(int households) => households >= Min && households <= Max;
}

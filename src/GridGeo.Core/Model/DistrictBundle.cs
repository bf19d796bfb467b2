namespace GridGeo.Core.Model;

/// <summary>
/// A district bundle (contract §1): communities and buildings (required), and optionally households,
/// compounds, dedicated areas and barriers. <see cref="Households"/> is null when the bundle has no
/// <c>households.csv</c>; then counts come from the buildings.
/// </summary>
public sealed record DistrictBundle(
    IReadOnlyList<Community> Communities,
    IReadOnlyList<Building> Buildings,
    IReadOnlyList<Household>? Households = null,
    IReadOnlyList<Compound>? Compounds = null,
    IReadOnlyList<DedicatedArea>? DedicatedAreas = null,
    IReadOnlyList<Barrier>? Barriers = null)
{
    public IReadOnlyList<Compound> CompoundList => Compounds ?? [];
    public IReadOnlyList<DedicatedArea> DedicatedList => DedicatedAreas ?? [];
    public IReadOnlyList<Barrier> BarrierList => Barriers ?? [];

    public long TotalHouseholds => Buildings.Sum(b => (long)b.Households);
}

using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// The liaison units of a grid plan, ordered by code, with the warnings met on the way (a grid too small
/// for a unit in bounds, members of the plan the bundle does not know, households outside every grid)
/// and the plan's figures.
/// </summary>
public sealed record LiaisonPlan(IReadOnlyList<LiaisonUnit> Units, IReadOnlyList<string> Warnings, LiaisonSummary Summary);

/// <summary>
/// The figures of a <see cref="LiaisonPlan"/>. The <em>spread</em> of a unit is the largest distance,
/// in metres, between two of its members' locations (the diameter of the unit). A unit inside one tower
/// has spread 0, so the spread of the units that take in several buildings is given apart.
/// </summary>
public sealed record LiaisonSummary(
    int Grids,
    int Units,
    long Households,
    long HouseholdsLocatedByPosition,
    long HouseholdsOutsideGrids,
    int UnitsInBounds,
    double MedianSpreadMetres,
    double MaxSpreadMetres,
    int MultiBuildingUnits,
    double MedianMultiBuildingSpreadMetres)
{
    /// <summary>The share (0–1) of units whose size lies within the options' bounds.</summary>
    public double InBoundsShare => Units == 0 ? 1 : (double)UnitsInBounds / Units;
}

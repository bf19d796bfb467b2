using GridGeo.Core.Coverage;
using GridGeo.Core.Model;

namespace GridGeo.Api.Plans;

/// <summary>
/// The coverage gate every plan that comes from outside the engine passes, and the check of a stale draft's grids at
/// publishing: the plan's grids against the stored district (<see cref="PlanImportValidator"/>, which asks
/// <see cref="GridCoverageChecker"/>). One method, so that the checker behind it can be replaced in one place.
/// </summary>
public static class PlanCheck
{
    public static IReadOnlyList<PlanProblem> Check(DistrictBundle stored, IReadOnlyList<Grid> grids) =>
        PlanImportValidator.Validate(stored, grids, parallelism: Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary>The problems as problem+json members: rule, message, grid code(s), community, location, area, building, households.</summary>
    public static List<Dictionary<string, object?>> Describe(IEnumerable<PlanProblem> problems) => problems.Select(p => new Dictionary<string, object?>
    {
        ["rule"] = p.Rule,
        ["message"] = p.Message,
        ["grid_code"] = p.GridCode,
        ["other_grid_code"] = p.OtherGridCode,
        ["community_code"] = p.CommunityCode,
        ["lon"] = p.Lon,
        ["lat"] = p.Lat,
        ["area_m2"] = p.AreaM2,
        ["building_id"] = p.BuildingId,
        ["household_ids"] = p.HouseholdIds,
    }).ToList();
}

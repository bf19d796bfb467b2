using GridGeo.Core.Model;
using GridGeo.Core.Partitioning.Liaison;

namespace GridGeo.Core.Tests.Partitioning.Liaison;

/// <summary>The properties every liaison plan must have, checked against the bundle and plan it came from.</summary>
internal static class LiaisonPlanChecks
{
    public static void AssertValid(LiaisonPlan plan, DistrictBundle bundle, IReadOnlyList<Grid> grids, LiaisonOptions options)
    {
        var households = HouseholdExpander.HouseholdsOf(bundle).ToDictionary(h => h.Id);
        var gridByCode = grids.ToDictionary(g => g.Code);

        // Every household in exactly one unit.
        var members = plan.Units.SelectMany(u => u.Members).ToList();
        Assert.Equal(members.Count, members.Distinct().Count());
        Assert.Equal(households.Count - plan.Summary.HouseholdsOutsideGrids, members.Count);
        Assert.All(members, m => Assert.True(households.ContainsKey(m), $"unknown member {m}"));

        foreach (var unit in plan.Units)
        {
            // Codes: the grid code plus a 3-digit sequence.
            Assert.Equal(AdminCodes.LiaisonUnitLength, unit.Code.Length);
            Assert.StartsWith(unit.GridCode, unit.Code, StringComparison.Ordinal);
            Assert.True(gridByCode.ContainsKey(unit.GridCode));
            Assert.Equal(unit.Members.Count, unit.Households);
            Assert.True(unit.Households <= LiaisonOptions.HardCap);

            // No unit spans two grids: each member's building (or its stair unit) is listed in the unit's grid.
            var grid = gridByCode[unit.GridCode];
            var listed = grid.Buildings.ToHashSet();
            Assert.All(unit.Members, m =>
            {
                var h = households[m];
                Assert.True(listed.Contains(h.BuildingId) || listed.Contains($"{h.BuildingId}#{h.Unit}"),
                    $"unit {unit.Code} holds {m} of building {h.BuildingId}, which grid {grid.Code} does not list");
            });

            Assert.NotNull(unit.Boundary);
            Assert.False(unit.Boundary!.IsEmpty);
            Assert.True(unit.Boundary.IsValid);
            Assert.True(grid.Boundary.Buffer(1e-7).Covers(unit.Boundary), $"unit {unit.Code} reaches outside grid {grid.Code}");
        }
        Assert.Equal(plan.Units.Count, plan.Units.Select(u => u.Code).Distinct().Count());

        // The liaison gate: each grid's units tile it exactly, on the 1e-7° grid, each valid and one piece.
        var problems = LiaisonUnitGate.Validate(grids, plan.Units);
        Assert.True(problems.Count == 0, Core.Coverage.GridCoverageValidator.Describe(problems));

        // Sequences run 001.. without gaps inside each grid.
        foreach (var byGrid in plan.Units.GroupBy(u => u.GridCode))
        {
            var seqs = byGrid.Select(u => int.Parse(u.Code[^3..], System.Globalization.CultureInfo.InvariantCulture)).OrderBy(s => s).ToList();
            Assert.Equal(Enumerable.Range(1, seqs.Count), seqs);
            // Bounds hold wherever the grid's total allows them.
            var total = byGrid.Sum(u => u.Households);
            if (LiaisonSizing.IsFeasible(total, options.Min, options.Max))
                Assert.All(byGrid, u => Assert.InRange(u.Households, options.Min, options.Max));
        }
    }

    /// <summary>
    /// A point lookup at a building names the unit whose outline holds it: for a building all of whose households are in one
    /// unit, that must be their unit. The only exception: the outline holding it belongs to a unit the households cannot join
    /// without taking one of the two units out of the size bounds (the part holding the building was cut off from its unit).
    /// Checked in grids whose total the bounds allow; returns the households of such buildings and those standing outside.
    /// </summary>
    public static (int Whole, int Outside) AssertBuildingsStandInTheirUnits(LiaisonPlan plan, DistrictBundle bundle, LiaisonOptions options)
    {
        var households = HouseholdExpander.HouseholdsOf(bundle).ToDictionary(h => h.Id);
        var location = bundle.Buildings.ToDictionary(b => b.Id, b => b.Location);
        var unitsOfBuilding = plan.Units.SelectMany(u => u.Members.Select(m => (households[m].BuildingId, u.Code))).Distinct()
            .GroupBy(x => x.BuildingId).ToDictionary(g => g.Key, g => g.Count());
        var (whole, outside) = (0, 0);
        foreach (var grid in plan.Units.GroupBy(u => u.GridCode))
        {
            if (!LiaisonSizing.IsFeasible(grid.Sum(u => u.Households), options.Min, options.Max)) continue;
            foreach (var unit in grid)
            {
                foreach (var building in unit.Members.GroupBy(m => households[m].BuildingId).Where(b => unitsOfBuilding[b.Key] == 1))
                {
                    var count = building.Count();
                    whole += count;
                    var at = location[building.Key];
                    if (unit.Boundary!.Covers(at)) continue;
                    outside += count;
                    var holder = grid.FirstOrDefault(u => u.Boundary!.Covers(at));
                    if (holder is null) continue; // a building outside its grid (a stair unit of a building the plan split)
                    Assert.False(options.InBounds(unit.Households - count) && options.InBounds(holder.Households + count),
                        $"{options.Target}: building {building.Key} ({count} households of unit {unit.Code}, {unit.Households}) stands in unit {holder.Code} ({holder.Households}), which could take it");
                }
            }
        }
        return (whole, outside);
    }

    /// <summary>The code → members map of a plan, to compare re-runs.</summary>
    public static Dictionary<string, string> Signature(LiaisonPlan plan) =>
        plan.Units.ToDictionary(u => u.Code, u => string.Join(",", u.Members));
}

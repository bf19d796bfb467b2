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

    /// <summary>The code → members map of a plan, to compare re-runs.</summary>
    public static Dictionary<string, string> Signature(LiaisonPlan plan) =>
        plan.Units.ToDictionary(u => u.Code, u => string.Join(",", u.Members));
}

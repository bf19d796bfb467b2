using GridGeo.Core.Staffing;

namespace GridGeo.Core.Tests.Staffing;

/// <summary>
/// The handover of people across a plan change, on small hand-made areas: grids <c>G1…</c> with member buildings
/// <c>b1…</c> (households as given), liaison units with household members.
/// </summary>
public sealed class StaffingHandoverTests
{
    private const string A = "520321001001001", B = "520321001001002", C = "520321001001003", D = "520321001001004";

    private static StaffedArea Grid(string code, params (string Member, int Households)[] members) =>
        new(code, false, true, members.ToDictionary(m => m.Member, m => m.Households));

    private static StaffedArea Unit(string code, params string[] households) =>
        new(code, true, false, households.ToDictionary(h => h, _ => 1));

    private static StaffAssignment Worker(long id, string code) => new(id, StaffRoles.GridWorker, code);

    [Fact]
    public void An_unchanged_or_recounted_grid_keeps_its_people()
    {
        var before = new[] { Grid(A, ("b1", 200), ("b2", 150)), Grid(B, ("b3", 300)) };
        var after = new[] { Grid(A, ("b1", 210), ("b2", 150)), Grid(B, ("b3", 300)) };
        var result = StaffingHandover.Plan(before, after, [Worker(1, A), Worker(2, B), new StaffAssignment(3, StaffRoles.GridHead, A)]);

        Assert.Equal(3, result.Count(HandoverKind.Kept));
        Assert.Equal(0, result.Count(HandoverKind.Moved) + result.Count(HandoverKind.Released));
        Assert.Equal([Worker(1, A), Worker(2, B), new StaffAssignment(3, StaffRoles.GridHead, A)], result.Assignments);
        Assert.Empty(result.Needs);
    }

    [Fact]
    public void Of_a_split_the_part_with_most_old_households_keeps_the_people_and_the_other_needs_a_worker()
    {
        var before = new[] { Grid(A, ("b1", 100), ("b2", 250), ("b3", 120)) };
        // The part keeping the code has fewer of the old households than the new grid C.
        var after = new[] { Grid(A, ("b1", 100), ("b3", 120)), Grid(C, ("b2", 250)) };
        var result = StaffingHandover.Plan(before, after, [Worker(7, A)]);

        var change = Assert.Single(result.Changes);
        Assert.Equal((HandoverKind.Moved, A, C), (change.Kind, change.From, change.To));
        Assert.Equal([Worker(7, C)], result.Assignments);
        var need = Assert.Single(result.Needs);
        Assert.Equal((A, StaffRoles.GridWorker, false), (need.Code, need.Role, need.New));
    }

    [Fact]
    public void Merged_grids_keep_the_worker_of_the_larger_and_release_the_other()
    {
        var before = new[] { Grid(A, ("b1", 180)), Grid(B, ("b2", 260)) };
        var after = new[] { Grid(A, ("b1", 180), ("b2", 260)) };
        var result = StaffingHandover.Plan(before, after, [Worker(1, A), Worker(2, B), new StaffAssignment(3, StaffRoles.GridHead, A)]);

        Assert.Contains(Worker(2, A), result.Assignments);
        Assert.DoesNotContain(result.Assignments, a => a.PersonId == 1);
        var released = Assert.Single(result.Changes, c => c.Kind == HandoverKind.Released);
        Assert.Equal(1, released.PersonId);
        // The grid head has no rival in its role and follows the households too.
        Assert.Contains(new StaffAssignment(3, StaffRoles.GridHead, A), result.Assignments);
        Assert.Empty(result.Needs);
    }

    [Fact]
    public void New_grids_and_liaison_units_are_listed_as_needing_people()
    {
        var before = new[] { Grid(A, ("b1", 300)), Unit(A + "001", "h1", "h2", "h3"), Unit(A + "002", "h4", "h5") };
        var after = new[]
        {
            Grid(A, ("b1", 300)), Grid(D, ("b9", 350)),
            Unit(A + "001", "h1", "h2"), Unit(A + "002", "h3", "h4", "h5"), Unit(D + "001", "h9"),
        };
        var result = StaffingHandover.Plan(before, after,
        [
            Worker(1, A), new StaffAssignment(5, StaffRoles.LiaisonHead, A + "001"), new StaffAssignment(6, StaffRoles.LiaisonHead, A + "002"),
        ]);

        Assert.Equal(3, result.Count(HandoverKind.Kept));
        Assert.Equal([(D, StaffRoles.GridWorker, true), (D + "001", StaffRoles.LiaisonHead, true)],
            result.Needs.Select(n => (n.Code, n.Role, n.New)));
    }

    [Fact]
    public void Assignments_of_areas_outside_the_change_pass_through_and_gone_areas_release_their_people()
    {
        var before = new[] { Grid(A, ("b1", 300)), Grid(B, ("b2", 0)) };
        var after = new[] { Grid(A, ("b1", 300)) };
        var result = StaffingHandover.Plan(before, after, [Worker(1, A), Worker(2, B), Worker(3, C)]);

        Assert.Equal([Worker(1, A), Worker(3, C)], result.Assignments);
        var released = Assert.Single(result.Changes, c => c.Kind == HandoverKind.Released);
        Assert.Equal((2L, B), (released.PersonId, released.From));
    }

    [Fact]
    public void Every_kept_or_moved_assignment_follows_the_most_households_on_random_plans()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var buildings = Enumerable.Range(1, 30).ToDictionary(i => $"b{i}", _ => random.Next(0, 60));
            var oldOf = buildings.Keys.ToDictionary(b => b, _ => $"52032100100100{random.Next(1, 6)}");
            var newOf = buildings.Keys.ToDictionary(b => b, b => random.NextDouble() < 0.7 ? oldOf[b] : $"52032100100100{random.Next(1, 8)}");
            StaffedArea[] Areas(Dictionary<string, string> of) => of.GroupBy(kv => kv.Value)
                .Select(g => new StaffedArea(g.Key, false, true, g.ToDictionary(kv => kv.Key, kv => buildings[kv.Key]))).ToArray();
            var before = Areas(oldOf);
            var after = Areas(newOf);
            var assignments = before.Select((a, i) => Worker(i + 1, a.Code)).ToList();
            var result = StaffingHandover.Plan(before, after, assignments);

            // Each person at most once, each new grid at most one worker, and each assignment kept or moved lands where most of its households went.
            Assert.Equal(result.Assignments.Count, result.Assignments.Select(a => a.PersonId).Distinct().Count());
            Assert.Equal(result.Assignments.Count, result.Assignments.Select(a => a.Code).Distinct().Count());
            foreach (var c in result.Changes.Where(c => c.Kind != HandoverKind.Released))
            {
                var old = before.Single(a => a.Code == c.From);
                var share = old.Members.Where(m => newOf[m.Key] == c.To).Sum(m => m.Value);
                var best = old.Members.GroupBy(m => newOf[m.Key]).Max(g => g.Sum(m => m.Value));
                Assert.Equal(best, share);
            }
            // Every new grid without a worker is listed, and no other.
            var staffed = result.Assignments.Select(a => a.Code).ToHashSet();
            Assert.Equal(after.Where(a => !staffed.Contains(a.Code)).Select(a => a.Code).Order(), result.Needs.Select(n => n.Code).Order());
        }
    }
}

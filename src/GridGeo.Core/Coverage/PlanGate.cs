using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Core.Coverage;

/// <summary>
/// The gate every plan passes before it is written (a file, a draft, an import, an edit): the grids' outlines are rebuilt
/// as an exact face coverage of each community (<see cref="GridOutlines"/>), then checked (<see cref="GridCoverageValidator"/>).
/// A plan that still fails is never written: <see cref="Ensure"/> throws a <see cref="PlanGateException"/> naming the grid
/// codes and rules.
/// </summary>
public static class PlanGate
{
    /// <summary>The grids rebuilt and checked; throws <see cref="PlanGateException"/> when a problem is left.</summary>
    /// <param name="communities">The communities the grids tile.</param>
    /// <param name="grids">The plan.</param>
    /// <param name="fixedCodes">Grids whose outlines are authoritative (kept by an edit or a rebalance).</param>
    /// <param name="locationOf">Where each member (building id or <c>id#unit</c>) lies.</param>
    public static List<Grid> Ensure(IReadOnlyList<Community> communities, IReadOnlyList<Grid> grids, IReadOnlySet<string>? fixedCodes = null,
        Func<string, Coordinate?>? locationOf = null, int parallelism = 1)
    {
        var rebuilt = GridOutlines.RebuildAll(communities, grids, fixedCodes, locationOf, parallelism);
        var problems = GridCoverageValidator.ValidateAll(communities, rebuilt, true, parallelism);
        if (problems.Count > 0) throw new PlanGateException(problems);
        return rebuilt;
    }

    /// <summary>Checks grids already built on the face coverage (by the partitioner or the rebalancer); throws <see cref="PlanGateException"/> on a problem.</summary>
    public static void Check(IReadOnlyList<Community> communities, IReadOnlyList<Grid> grids, int parallelism = 1)
    {
        var problems = GridCoverageValidator.ValidateAll(communities, grids, true, parallelism);
        if (problems.Count > 0) throw new PlanGateException(problems);
    }

    /// <summary>
    /// The households of a member: a whole building's, or a stair unit's (<c>id#unit</c>) as the atoms count them
    /// (<see cref="Partitioning.AtomBuilder.UnitCounts"/>: households.csv when it lists the building's units, else the even
    /// share); null for an unknown building or unit.
    /// </summary>
    public static Func<string, int?> Households(IEnumerable<Building> buildings, IReadOnlyDictionary<string, SortedDictionary<int, int>>? unitHouseholds = null)
    {
        var at = new Dictionary<string, Building>(StringComparer.Ordinal);
        foreach (var b in buildings) at.TryAdd(b.Id, b);
        return member =>
        {
            var hash = member.IndexOf('#');
            if (hash < 0) return at.TryGetValue(member, out var whole) ? whole.Households : null;
            if (!at.TryGetValue(member[..hash], out var b) || !int.TryParse(member.AsSpan(hash + 1), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var unit)) return null;
            foreach (var (u, households) in Partitioning.AtomBuilder.UnitCounts(b, unitHouseholds))
            {
                if (u == unit) return households;
            }
            return null;
        };
    }

    /// <summary>A member lookup from a bundle's buildings (a stair unit lies where its building does).</summary>
    public static Func<string, Coordinate?> Locations(IEnumerable<Building> buildings)
    {
        var at = new Dictionary<string, Coordinate>(StringComparer.Ordinal);
        foreach (var b in buildings) at.TryAdd(b.Id, b.Location.Coordinate);
        return member =>
        {
            var hash = member.IndexOf('#');
            return at.TryGetValue(hash < 0 ? member : member[..hash], out var c) ? c : null;
        };
    }
}

/// <summary>
/// A plan that breaks a plan rule after repair; <see cref="Problems"/> lists each with its rule and the codes of the grids (or
/// liaison units, <paramref name="terms"/>) concerned.
/// </summary>
public sealed class PlanGateException(IReadOnlyList<PlanProblem> problems, TilingTerms? terms = null)
    : Exception($"the plan breaks {problems.Count} {(terms ?? TilingTerms.Grids).Part} rule(s) and was not written: {GridCoverageValidator.Describe(problems)}")
{
    public IReadOnlyList<PlanProblem> Problems { get; } = problems;
}

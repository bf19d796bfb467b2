namespace GridGeo.Core.Partitioning;

/// <summary>
/// The household bounds of basic grids, Min..Max. A total is <em>feasible</em> (splittable) when some
/// number of grids k ≥ 1 has Min·k ≤ total ≤ Max·k, i.e. it can be cut into k grids that are all in bounds.
/// </summary>
public readonly record struct HouseholdBounds(int Min, int Max)
{
    public bool Contains(long households) => households >= Min && households <= Max;

    /// <summary>The smallest k with total ≤ Max·k (at least 1).</summary>
    public int FewestParts(long total) => (int)Math.Max(1, (total + Max - 1) / Max);

    /// <summary>The largest k with Min·k ≤ total.</summary>
    public int MostParts(long total) => (int)(total / Min);

    public bool IsFeasible(long total) => total > 0 && FewestParts(total) <= MostParts(total);

    /// <summary>How far a grid of this many households is out of bounds (0 when inside).</summary>
    public long Violation(long households) => households < Min ? Min - households : households > Max ? households - Max : 0;

    /// <summary>
    /// The number of grids to cut a total into: for a feasible total, the feasible k whose mean grid size is
    /// closest to the middle of the bounds (leaving room on both sides for the later moves); otherwise the
    /// k that leaves the smallest violation.
    /// </summary>
    public int ChooseParts(long total)
    {
        if (total <= 0) return 1;
        var lo = FewestParts(total);
        var hi = MostParts(total);
        var mid = (Min + Max) / 2.0;
        if (lo <= hi)
        {
            var best = lo;
            for (var k = lo; k <= hi; k++)
            {
                if (Math.Abs((double)total / k - mid) < Math.Abs((double)total / best - mid)) best = k;
            }
            return best;
        }
        // Infeasible: either below Min (one grid) or between Max·k and Min·(k+1); take the k with the smaller excess.
        var fewer = Math.Max(1, hi);
        var more = Math.Max(1, lo);
        return ViolationOf(total, fewer) <= ViolationOf(total, more) ? fewer : more;
    }

    /// <summary>
    /// The grid counts worth trying for a total, best first: <see cref="ChooseParts"/>, then for a feasible total the
    /// other feasible counts by mean size nearest the middle (lumpy compounds may fit 2 grids of 480 but not 3 of 320).
    /// </summary>
    public IEnumerable<int> PartCounts(long total)
    {
        var first = ChooseParts(total);
        yield return first;
        if (!IsFeasible(total)) yield break;
        var mid = (Min + Max) / 2.0;
        foreach (var k in Enumerable.Range(FewestParts(total), MostParts(total) - FewestParts(total) + 1)
                     .Where(k => k != first).OrderBy(k => Math.Abs((double)total / k - mid)).ThenBy(k => k))
            yield return k;
    }

    private double ViolationOf(long total, int k)
    {
        var size = (double)total / k;
        return size < Min ? (Min - size) * k : size > Max ? (size - Max) * k : 0;
    }
}

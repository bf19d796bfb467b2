namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// Splits one grid's households into a given number of liaison units by recursive bisection: the
/// members are ordered along the longer axis of their bounding box (ties by building, then stair unit,
/// floor and room, so a building's households stay together in that order), and cut into two halves
/// whose sizes can still be split into k₁ and k₂ units within [min, max]. Among the feasible cuts the
/// one chosen balances the halves against the worth of the cut: between two buildings (more the wider
/// the gap, so clusters of a village part at their gaps) over between two stair units over between two
/// floors over inside a floor. Every unit is thus a compact slab of the grid and, inside a building, a
/// stair unit and a run of consecutive floors; a stair unit too small for a unit joins the next stair
/// unit of its building before the cut reaches the next building.
/// </summary>
internal static class LiaisonSplitter
{
    private const double BalanceWeight = 2.0;
    private const double FloorGain = 1.0;
    private const double StairUnitGain = 4.0;
    private const double BuildingGain = 6.0;
    private const double GapMetresPerGain = 10.0;
    private const double MaxGapGain = 30.0;

    private static readonly Comparison<LiaisonMember> AlongX = (a, b) =>
    {
        var c = a.X.CompareTo(b.X);
        if (c == 0) c = a.Y.CompareTo(b.Y);
        return c != 0 ? c : a.CompareKey(b);
    };

    private static readonly Comparison<LiaisonMember> AlongY = (a, b) =>
    {
        var c = a.Y.CompareTo(b.Y);
        if (c == 0) c = a.X.CompareTo(b.X);
        return c != 0 ? c : a.CompareKey(b);
    };

    /// <summary>
    /// Splits <paramref name="members"/>[start..start+count) into <paramref name="units"/> runs, reordering the
    /// array so that each run is contiguous, and appends the runs to <paramref name="runs"/>. Requires
    /// units·min ≤ count ≤ units·max.
    /// </summary>
    public static void Split(LiaisonMember[] members, int start, int count, int units, int min, int max, int target, List<(int Start, int Count)> runs)
    {
        if (units <= 1)
        {
            runs.Add((start, count));
            return;
        }
        var alongX = LongerAxisIsX(members, start, count);
        new Span<LiaisonMember>(members, start, count).Sort(alongX ? AlongX : AlongY);

        var left = units / 2;
        var right = units - left;
        var lo = Math.Max(left * min, count - right * max);
        var hi = Math.Min(left * max, count - right * min);
        var ideal = (double)count * left / units;
        var best = lo;
        var bestCost = double.PositiveInfinity;
        for (var cut = lo; cut <= hi; cut++)
        {
            var cost = BalanceWeight * Math.Abs(cut - ideal) / target - Gain(members[start + cut - 1], members[start + cut], alongX);
            if (cost < bestCost - 1e-9)
            {
                bestCost = cost;
                best = cut;
            }
        }
        Split(members, start, best, left, min, max, target, runs);
        Split(members, start + best, count - best, right, min, max, target, runs);
    }

    private static bool LongerAxisIsX(LiaisonMember[] members, int start, int count)
    {
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (var i = start; i < start + count; i++)
        {
            var m = members[i];
            if (m.X < minX) minX = m.X;
            if (m.X > maxX) maxX = m.X;
            if (m.Y < minY) minY = m.Y;
            if (m.Y > maxY) maxY = m.Y;
        }
        return maxX - minX >= maxY - minY;
    }

    /// <summary>What cutting between two neighbours in the order is worth.</summary>
    private static double Gain(in LiaisonMember a, in LiaisonMember b, bool alongX)
    {
        if (a.Building != b.Building)
        {
            var gap = alongX ? b.X - a.X : b.Y - a.Y;
            return BuildingGain + Math.Min(Math.Abs(gap) / GapMetresPerGain, MaxGapGain);
        }
        if (a.Unit != b.Unit) return StairUnitGain;
        return a.Floor != b.Floor ? FloorGain : 0;
    }
}

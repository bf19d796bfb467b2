namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// How many liaison units a grid of n households gets. n splits into k parts each within [min, max]
/// exactly when k·min ≤ n ≤ k·max, so an in-bounds split exists iff ⌈n/max⌉ ≤ ⌊n/min⌋ (<em>feasible</em>);
/// then k is the feasible count nearest n/target. Otherwise the parts are spread evenly over the k
/// (⌈n/max⌉ or ⌊n/min⌋) that leaves the bounds by less, never past the hard cap.
/// </summary>
public static class LiaisonSizing
{
    /// <summary>Whether n households split into units that all lie within [min, max].</summary>
    public static bool IsFeasible(int households, int min, int max) =>
        households > 0 && CeilDiv(households, max) <= households / min;

    /// <summary>
    /// The unit count for <paramref name="households"/> and the bounds the split must keep: the options'
    /// bounds when feasible, else the even spread ⌊n/k⌋–⌈n/k⌉.
    /// </summary>
    public static (int Units, int Min, int Max) Plan(int households, LiaisonOptions options)
    {
        if (households <= 0) return (0, 0, 0);
        var fewest = CeilDiv(households, options.Max);
        var most = households / options.Min;
        if (fewest <= most)
        {
            var k = Math.Clamp((int)Math.Round((double)households / options.Target, MidpointRounding.AwayFromZero), fewest, most);
            return (k, options.Min, options.Max);
        }
        // Infeasible: compare the undersized spread (k = fewest) with the oversized one (k = most).
        var under = options.Min - households / fewest;
        var chosen = fewest;
        if (most >= 1 && CeilDiv(households, most) <= LiaisonOptions.HardCap)
        {
            var over = CeilDiv(households, most) - options.Max;
            if (over < under) chosen = most;
        }
        return (chosen, households / chosen, CeilDiv(households, chosen));
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}

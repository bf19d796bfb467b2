namespace GridGeo.Storage.Auth;

/// <summary>
/// Whether a key someone brings (<c>gridgeo keys create --key</c>) is strong enough to stand beside the generated ones
/// (256 random bits): at least <see cref="ApiKeySecrets.MinimumLength"/> characters, at least 12 different characters,
/// no character in more than a quarter of the positions, no run of 4 equal or consecutive characters counted 6 times,
/// no pattern repeated over three quarters of it, and at least 100 bits by the Shannon estimate of its characters.
/// </summary>
public static class ApiKeyStrength
{
    public const double MinimumBits = 100;

    /// <summary>Null when <paramref name="key"/> is strong enough; otherwise the rule it breaks.</summary>
    public static string? Weakness(string key)
    {
        if (key.Length < ApiKeySecrets.MinimumLength) return $"has {key.Length} characters; at least {ApiKeySecrets.MinimumLength}";
        if (key.Any(char.IsWhiteSpace) || key.Any(char.IsControl)) return "contains white space or control characters";
        var counts = key.GroupBy(c => c).Select(g => g.Count()).ToList();
        if (counts.Count < 12) return $"uses only {counts.Count} different characters; at least 12";
        if (counts.Max() * 4 > key.Length) return "repeats one character in more than a quarter of its positions";
        var runs = 0;
        for (var i = 3; i < key.Length; i++)
        {
            int d1 = key[i - 2] - key[i - 3], d2 = key[i - 1] - key[i - 2], d3 = key[i] - key[i - 1];
            if (d1 == d2 && d2 == d3 && Math.Abs(d1) <= 1) runs++;
        }
        if (runs >= 6) return "is made of runs of equal or consecutive characters (such as aaaa or 1234)";
        for (var period = 1; period <= key.Length / 2; period++)
        {
            var same = 0;
            for (var i = period; i < key.Length; i++) if (key[i] == key[i - period]) same++;
            if (same * 4 >= (key.Length - period) * 3) return $"repeats a pattern of {period} character(s)";
        }
        var bits = -counts.Sum(c => c * Math.Log2((double)c / key.Length));
        if (bits < MinimumBits) return $"holds about {bits:F0} bits by its characters; at least {MinimumBits:F0} (use a longer random key, or let the command make one)";
        return null;
    }
}

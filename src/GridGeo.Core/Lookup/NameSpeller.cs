namespace GridGeo.Core.Lookup;

/// <summary>
/// Finds the known names (roads, compounds, villages) within a small edit distance of a misspelt one. Typos in a door
/// plate happen in its name part, and a district has a few thousand distinct names, not millions of addresses: the
/// distance-1 candidates come from a table of every name with one character deleted (the symmetric-deletion scheme of
/// SymSpell, Garbe 2012), checked by the optimal-string-alignment distance (substitution, insertion, deletion,
/// transposition of neighbours); distance 2 is a scan over names of similar length, used only when distance 1 finds
/// nothing. Immutable after construction.
/// </summary>
public sealed class NameSpeller
{
    private readonly string[] _names;
    private readonly Dictionary<string, int[]> _deletions;

    /// <param name="names">The names, each spelt by <see cref="AddressKey.Spelling"/>; index = the name's id.</param>
    public NameSpeller(IReadOnlyList<string> names)
    {
        _names = names.ToArray();
        var table = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = 0; id < _names.Length; id++)
        {
            var name = _names[id];
            if (name.Length < 2) continue;
            for (var i = 0; i < name.Length; i++)
            {
                var key = string.Concat(name.AsSpan(0, i), name.AsSpan(i + 1));
                if (!table.TryGetValue(key, out var list)) table[key] = list = [];
                if (list.Count == 0 || list[^1] != id) list.Add(id);
            }
            if (!table.TryGetValue(name, out var self)) table[name] = self = [];
            if (self.Count == 0 || self[^1] != id) self.Add(id);
        }
        _deletions = table.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The ids of names at distance 1 from <paramref name="misspelt"/> (not itself), or, when there are none and the
    /// name has at least <paramref name="minLengthForTwo"/> characters, those at distance 2; nearest first.
    /// </summary>
    public List<(int Id, int Distance)> Near(string misspelt, int minLengthForTwo = 5)
    {
        var found = new List<(int, int)>();
        if (misspelt.Length < 2) return found;
        var seen = new HashSet<int>();
        void Try(string key)
        {
            if (!_deletions.TryGetValue(key, out var ids)) return;
            foreach (var id in ids)
                if (seen.Add(id) && _names[id] != misspelt && Distance(_names[id], misspelt, 1) == 1) found.Add((id, 1));
        }
        Try(misspelt);
        for (var i = 0; i < misspelt.Length; i++) Try(string.Concat(misspelt.AsSpan(0, i), misspelt.AsSpan(i + 1)));
        if (found.Count > 0 || misspelt.Length < minLengthForTwo) return found;
        for (var id = 0; id < _names.Length; id++)
        {
            var name = _names[id];
            if (Math.Abs(name.Length - misspelt.Length) > 2) continue;
            if (Distance(name, misspelt, 2) == 2) found.Add((id, 2));
        }
        return found;
    }

    /// <summary>The optimal-string-alignment distance of <paramref name="a"/> and <paramref name="b"/>, or <paramref name="max"/> + 1 when it is larger.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var n = a.Length;
        var m = b.Length;
        Span<int> prev2 = stackalloc int[m + 1];
        Span<int> prev = stackalloc int[m + 1];
        Span<int> cur = stackalloc int[m + 1];
        for (var j = 0; j <= m; j++) prev[j] = j;
        for (var i = 1; i <= n; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= m; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
            var t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.Min(prev[m], max + 1);
    }
}

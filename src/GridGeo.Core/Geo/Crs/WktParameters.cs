using System.Globalization;

namespace GridGeo.Core.Geo.Crs;

/// <summary>
/// The few values of a WKT 1 (or WKT 2) coordinate reference system that <see cref="ReferenceSystems.Identify"/> matches
/// on: the top-level keyword, the ellipsoid, the projection method, the named parameters and the linear unit.
/// A small bracket tokenizer, not a full WKT parser: names of nodes other than these are ignored.
/// </summary>
internal sealed class WktParameters
{
    public string Kind { get; private set; } = "";

    /// <summary>The name of the top-level node, e.g. "CGCS2000_3_Degree_GK_CM_108E".</summary>
    public string? Name { get; private set; }

    /// <summary>The EPSG code of the top-level node's AUTHORITY (or ID), when it has one.</summary>
    public int? Authority { get; private set; }

    public double? SemiMajorAxis { get; private set; }

    public double? InverseFlattening { get; private set; }

    public string? Projection { get; private set; }

    public double? LinearUnit { get; private set; }

    private readonly Dictionary<string, double> _parameters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The first of <paramref name="names"/> the definition gives (case-insensitive), or null.</summary>
    public double? Parameter(params string[] names)
    {
        foreach (var n in names)
            if (_parameters.TryGetValue(n, out var v)) return v;
        return null;
    }

    public static WktParameters Parse(string wkt)
    {
        var result = new WktParameters();
        var root = Node.Read(wkt.Trim());
        if (root is null) return result;
        result.Kind = root.Keyword.ToUpperInvariant();
        result.Name = root.Name;
        var authority = root.Children.FirstOrDefault(c => c.Keyword.ToUpperInvariant() is "AUTHORITY" or "ID");
        if (authority is { Name: "EPSG" })
            result.Authority = authority.Numbers.Count > 0 ? (int)authority.Numbers[0] : int.TryParse(authority.Text, out var code) ? code : null;
        result.Visit(root, 0);
        return result;
    }

    private void Visit(Node node, int depth)
    {
        var key = node.Keyword.ToUpperInvariant();
        switch (key)
        {
            case "SPHEROID" or "ELLIPSOID" when node.Numbers.Count >= 2:
                SemiMajorAxis = node.Numbers[0];
                InverseFlattening = node.Numbers[1];
                break;
            case "PROJECTION" or "METHOD":
                Projection = node.Name;
                break;
            case "PARAMETER" when node.Name is not null && node.Numbers.Count >= 1:
                _parameters[node.Name.Replace(' ', '_')] = node.Numbers[0];
                break;
            case "UNIT" or "LENGTHUNIT" when depth == 1 && node.Numbers.Count >= 1 && Kind is "PROJCS" or "PROJCRS":
                LinearUnit = node.Numbers[0];
                break;
        }
        foreach (var child in node.Children) Visit(child, depth + 1);
    }

    /// <summary>One WKT node: KEYWORD["name", numbers…, children…].</summary>
    private sealed class Node
    {
        public string Keyword = "";
        public string? Name;
        public string? Text;
        public readonly List<double> Numbers = [];
        public readonly List<Node> Children = [];

        public static Node? Read(string text)
        {
            var pos = 0;
            try { return ReadNode(text, ref pos); }
            catch (FormatException) { return null; }
            catch (ArgumentOutOfRangeException) { return null; }
            catch (IndexOutOfRangeException) { return null; }
        }

        private static Node ReadNode(string s, ref int pos)
        {
            SkipSpace(s, ref pos);
            var start = pos;
            while (pos < s.Length && (char.IsLetterOrDigit(s[pos]) || s[pos] == '_')) pos++;
            var node = new Node { Keyword = s[start..pos] };
            SkipSpace(s, ref pos);
            if (pos >= s.Length || (s[pos] != '[' && s[pos] != '(')) return node;
            var close = s[pos] == '[' ? ']' : ')';
            pos++;
            while (true)
            {
                SkipSpace(s, ref pos);
                if (pos >= s.Length) throw new FormatException("unterminated node");
                var c = s[pos];
                if (c == close) { pos++; return node; }
                if (c == ',') { pos++; continue; }
                if (c == '"')
                {
                    var end = s.IndexOf('"', pos + 1);
                    if (end < 0) throw new FormatException("unterminated string");
                    if (node.Name is null) node.Name = s[(pos + 1)..end];
                    else node.Text ??= s[(pos + 1)..end];
                    pos = end + 1;
                }
                else if (c is '-' or '+' or '.' || char.IsDigit(c))
                {
                    var numStart = pos;
                    while (pos < s.Length && (char.IsDigit(s[pos]) || s[pos] is '-' or '+' or '.' or 'e' or 'E')) pos++;
                    if (double.TryParse(s[numStart..pos], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) node.Numbers.Add(v);
                }
                else if (char.IsLetter(c))
                {
                    node.Children.Add(ReadNode(s, ref pos));
                }
                else pos++;
            }
        }

        private static void SkipSpace(string s, ref int pos)
        {
            while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++;
        }
    }
}

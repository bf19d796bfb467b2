using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GridGeo.Core.Lookup;

/// <summary>
/// The <em>search key</em> of a door-plate address: one spelling for the variants people type, which
/// <see cref="DoorPlate"/> then parses into its parts.
/// <list type="number">
/// <item>full-width digits, letters and dashes become half-width (１２号 → 12号);</item>
/// <item>"3-2-302" and "3栋2-302" at the end become 3栋2单元302;</item>
/// <item>lower case; spaces, punctuation and symbols (ASCII and CJK) removed;</item>
/// <item>号楼, 幢 and 座 become 栋; 室 is dropped (302室 = 302);</item>
/// <item>leading province / city / county-district / street-town names are dropped, so an address given
/// without them ("no city, no district") has the same key. A district ends in 区/县/旗 but not 小区.</item>
/// </list>
/// The door-plate index computes it for each stored address and for each query alike, so both sides always
/// agree. Empty when the address has no letters or digits.
/// </summary>
public static partial class AddressKey
{
    /// <summary>The search key of <paramref name="address"/>.</summary>
    public static string Of(string? address) => Of(address, dropPrefix: true);

    /// <summary>
    /// The search key of <paramref name="address"/>, with the leading administrative names dropped or kept: kept, a
    /// misspelt compound (枫香戊区 for 枫香小区) is not mistaken for a district.
    /// </summary>
    public static string Of(string? address, bool dropPrefix)
    {
        if (string.IsNullOrEmpty(address)) return "";
        var s = ToHalfWidth(address);
        if (s.Contains('-'))
        {
            s = ThreeNumbers().Replace(s, "$1栋$2单元$3");
            s = BuildingThenTwoNumbers().Replace(s, "栋$1单元$2");
        }
        s = Normalise(s);
        s = s.Replace("号楼", "栋", StringComparison.Ordinal).Replace('幢', '栋').Replace('座', '栋').Replace("室", "", StringComparison.Ordinal);
        return dropPrefix ? AdministrativePrefix().Replace(s, "", 1) : s;
    }

    /// <summary>
    /// A name (compound, road) spelt the way <see cref="Of"/> spells it inside an address: half-width, lower case,
    /// without spaces or punctuation, 号楼/幢/座 as 栋, but with no prefix dropped, so that a compound name from the
    /// compounds table compares equal to the same name inside a door plate.
    /// </summary>
    public static string Spelling(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var s = Normalise(ToHalfWidth(name));
        return s.Replace("号楼", "栋", StringComparison.Ordinal).Replace('幢', '栋').Replace('座', '栋').Replace("室", "", StringComparison.Ordinal);
    }

    private static string ToHalfWidth(string s)
    {
        var needs = false;
        foreach (var c in s)
            if (c is >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' or '－' or '—') { needs = true; break; }
        if (!needs) return s;
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ') chars[i] = (char)(c - 0xFEE0);
            else if (c is '－' or '—') chars[i] = '-';
        }
        return new string(chars);
    }

    /// <summary>Lower case without white space, punctuation or symbols.</summary>
    private static string Normalise(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) continue;
            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                    or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                    or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
                    or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol:
                    continue;
                default:
                    sb.Append(char.ToLowerInvariant(c));
                    break;
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"([0-9]+)\s*-\s*([0-9]+)\s*-\s*([0-9]+)\s*室?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ThreeNumbers();

    [GeneratedRegex(@"栋\s*([0-9]+)\s*-\s*([0-9]+)\s*室?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildingThenTwoNumbers();

    [GeneratedRegex(@"^([^省]{2,7}省|[^区]{2,8}自治区)?([^市]{2,8}市|[^州]{2,8}自治州|[^盟]{2,6}盟|[^区]{2,6}地区)?([^区县旗市]{1,8}?(?<!小)(区|县|旗)|[^市]{2,6}市)?([^街镇乡]{2,8}(街道|镇|乡))?", RegexOptions.CultureInvariant)]
    private static partial Regex AdministrativePrefix();
}

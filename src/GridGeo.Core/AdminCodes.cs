using System.Text.RegularExpressions;

namespace GridGeo.Core;

/// <summary>
/// The administrative code chain: county (6 digits, GB/T 2260) → street (9) → community (12) →
/// grid (15) → liaison unit (18). Each level is its parent's code plus 3 digits.
/// </summary>
public static partial class AdminCodes
{
    public const int CountyLength = 6;
    public const int StreetLength = 9;
    public const int CommunityLength = 12;
    public const int GridLength = 15;
    public const int LiaisonUnitLength = 18;

    public static bool IsCountyCode(string? code) => IsDigits(code, CountyLength);
    public static bool IsCommunityCode(string? code) => IsDigits(code, CommunityLength);
    public static bool IsStreetCode(string? code) => IsDigits(code, StreetLength);
    public static bool IsGridCode(string? code) => IsDigits(code, GridLength);

    public static string CountyOf(string code) => code[..CountyLength];
    public static string StreetOf(string code) => code[..StreetLength];
    public static string CommunityOf(string gridCode) => gridCode[..CommunityLength];

    /// <summary>The code of the <paramref name="sequence"/>-th child (1-based, 3 digits) of <paramref name="parent"/>.</summary>
    public static string Child(string parent, int sequence)
    {
        if (sequence is < 1 or > 999)
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "a 3-digit sequence runs from 001 to 999");
        return parent + sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsDigits(string? code, int length) => code is not null && code.Length == length && Digits().IsMatch(code);

    [GeneratedRegex(@"\A[0-9]+\z")]
    private static partial Regex Digits();
}

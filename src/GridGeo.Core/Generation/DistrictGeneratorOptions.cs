namespace GridGeo.Core.Generation;

/// <summary>
/// What <see cref="DistrictGenerator"/> makes: a synthetic district of about <see cref="Households"/>
/// households around (<see cref="CenterLon"/>, <see cref="CenterLat"/>), its streets numbered under
/// <see cref="CountyCode"/> (street = county + 3 digits, community = street + 3 digits).
/// </summary>
public sealed record DistrictGeneratorOptions
{
    /// <summary>Total households wanted; the generated total lies within ±2% of it.</summary>
    public int Households { get; init; } = 20_000;

    /// <summary>The same seed and options give the same district, byte for byte once written.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The 6-digit county code (GB/T 2260) that prefixes every street and community code.</summary>
    public string CountyCode { get; init; } = "520321";

    public double CenterLon { get; init; } = 106.93;
    public double CenterLat { get; init; } = 27.70;

    /// <summary>Mean households of a community; single communities vary ±50% around it.</summary>
    public int HouseholdsPerCommunity { get; init; } = 3_000;

    /// <summary>Also produce one <see cref="Model.Household"/> row per household (households.csv).</summary>
    public bool IncludeHouseholds { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and the rule it breaks.</summary>
    public void Validate()
    {
        if (Households < 1) throw new ArgumentException($"Households must be at least 1, not {Households}");
        if (HouseholdsPerCommunity < 100)
            throw new ArgumentException($"HouseholdsPerCommunity must be at least 100, not {HouseholdsPerCommunity}");
        if (CountyCode is null || CountyCode.Length != AdminCodes.CountyLength || !CountyCode.All(char.IsAsciiDigit))
            throw new ArgumentException($"CountyCode must be 6 digits, not \"{CountyCode}\"");
        if (CenterLon is < -179 or > 179 || CenterLat is < -80 or > 80)
            throw new ArgumentException($"the centre ({CenterLon}, {CenterLat}) must lie within lon ±179 and lat ±80");
        var communities = (long)Math.Max(1, Math.Round((double)Households / HouseholdsPerCommunity));
        if (communities > 999 * 50)
            throw new ArgumentException($"{Households} households at {HouseholdsPerCommunity} per community need {communities} communities, more than the codes allow");
    }
}

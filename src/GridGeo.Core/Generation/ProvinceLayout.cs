namespace GridGeo.Core.Generation;

/// <summary>
/// What <see cref="ProvinceLayout"/> lays out: a province of about <see cref="Households"/> households in
/// <see cref="Counties"/> generated counties (区县), numbered from <see cref="FirstCountyCode"/> up by one
/// (520321, 520322, …), around (<see cref="CenterLon"/>, <see cref="CenterLat"/>).
/// </summary>
public sealed record ProvinceGeneratorOptions
{
    public int Households { get; init; } = 100_000;
    public int Counties { get; init; } = 2;

    /// <summary>County k (from 0) is generated with seed <c>Seed + k</c>, so no two counties are alike.</summary>
    public int Seed { get; init; } = 1;

    public string FirstCountyCode { get; init; } = "520321";
    public double CenterLon { get; init; } = 106.93;
    public double CenterLat { get; init; } = 27.70;
    public int HouseholdsPerCommunity { get; init; } = 3_000;
    public bool IncludeHouseholds { get; init; } = true;

    /// <summary>Open land left between neighbouring counties' footprints, in metres.</summary>
    public double GapMetres { get; init; } = 500;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and the rule it breaks.</summary>
    public void Validate()
    {
        if (Counties is < 1 or > 99) throw new ArgumentException($"Counties must be 1 to 99, not {Counties}");
        if (Households < Counties) throw new ArgumentException($"Households ({Households}) must be at least one per county ({Counties})");
        if (FirstCountyCode is null || FirstCountyCode.Length != AdminCodes.CountyLength || !FirstCountyCode.All(char.IsAsciiDigit))
            throw new ArgumentException($"FirstCountyCode must be 6 digits, not \"{FirstCountyCode}\"");
        // GB/T 2260: the last two digits number the county inside its prefecture, 01–99.
        var first = int.Parse(FirstCountyCode[4..], System.Globalization.CultureInfo.InvariantCulture);
        if (first < 1 || first + Counties - 1 > 99)
            throw new ArgumentException($"{Counties} counties numbered up from {FirstCountyCode} need county numbers {first:D2}–{first + Counties - 1:D2}, " +
                                        "but a county number (the code's last two digits) must be 01–99");
        if (GapMetres is < 0 or > 100_000 || !double.IsFinite(GapMetres)) throw new ArgumentException($"GapMetres must be 0 to 100000, not {GapMetres}");
    }
}

/// <summary>
/// Places the counties of a generated province side by side without overlap: each county is one
/// <see cref="DistrictGenerator"/> district with its own county code, seed and centre, so that each can be generated,
/// written and imported on its own (one bundle per county; an import replaces only its own counties). Counties are
/// laid out in rows from north to south, west to east, each footprint (<see cref="DistrictGenerator.Footprint"/>) kept
/// <see cref="ProvinceGeneratorOptions.GapMetres"/> from its neighbours. A row shares one centre latitude, so the
/// metres-to-degrees scale every county of the row uses is the same one the placement used.
/// </summary>
public static class ProvinceLayout
{
    /// <summary>The generator options of every county, in code order.</summary>
    public static IReadOnlyList<DistrictGeneratorOptions> Counties(ProvinceGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var prefix = options.FirstCountyCode[..4];
        var first = int.Parse(options.FirstCountyCode[4..], System.Globalization.CultureInfo.InvariantCulture);
        var counties = Enumerable.Range(0, options.Counties).Select(k => new DistrictGeneratorOptions
        {
            Households = options.Households / options.Counties + (k < options.Households % options.Counties ? 1 : 0),
            Seed = unchecked(options.Seed + k),
            CountyCode = prefix + (first + k).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            HouseholdsPerCommunity = options.HouseholdsPerCommunity,
            IncludeHouseholds = options.IncludeHouseholds,
        }).ToList();

        var footprints = counties.Select(DistrictGenerator.Footprint).ToList();
        var columns = (int)Math.Ceiling(Math.Sqrt(counties.Count));
        var rows = Enumerable.Range(0, (counties.Count + columns - 1) / columns)
            .Select(r => Enumerable.Range(r * columns, Math.Min(columns, counties.Count - r * columns)).ToList()).ToList();
        var gap = options.GapMetres;
        var heightMetres = rows.Sum(row => row.Max(i => footprints[i].MaxY) - row.Min(i => footprints[i].MinY)) + gap * (rows.Count - 1);
        var degPerMetreY = DistrictAssembly.DegreesPerMetreY;
        // The northern edge of the next row, in degrees.
        var north = options.CenterLat + heightMetres / 2 * degPerMetreY;
        var placed = new List<DistrictGeneratorOptions>(counties.Count);
        foreach (var row in rows)
        {
            var lat = north - row.Max(i => footprints[i].MaxY) * degPerMetreY;
            var degPerMetreX = DistrictAssembly.DegreesPerMetreX(lat);
            var widthMetres = row.Sum(i => footprints[i].Width) + gap * (row.Count - 1);
            var west = options.CenterLon - widthMetres / 2 * degPerMetreX;
            foreach (var i in row)
            {
                var lon = west - footprints[i].MinX * degPerMetreX;
                placed.Add(counties[i] with { CenterLon = lon, CenterLat = lat });
                west = lon + (footprints[i].MaxX + gap) * degPerMetreX;
            }
            north = lat + (row.Min(i => footprints[i].MinY) - gap) * degPerMetreY;
        }
        foreach (var county in placed) county.Validate();
        return placed;
    }
}

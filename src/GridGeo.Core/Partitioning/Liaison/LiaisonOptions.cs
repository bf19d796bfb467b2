namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// The size settings of liaison units (联户单元): a <see cref="Target"/> size and the bounds
/// [<see cref="Min"/>, <see cref="Max"/>] in households. The default is about 30 households (20–40);
/// counties that run "十联户" use the <see cref="TenHouseholds"/> preset (10, 8–12). No setting may pass
/// the domain's hard cap of <see cref="HardCap"/> households for one liaison head.
/// </summary>
public sealed record LiaisonOptions
{
    /// <summary>A liaison head covers at most 100 households in principle.</summary>
    public const int HardCap = 100;

    public const string DefaultPresetName = "thirty";
    public const string TenPresetName = "ten";

    public int Target { get; init; } = 30;
    public int Min { get; init; } = 20;
    public int Max { get; init; } = 40;

    /// <summary>About 30 households, 20–40.</summary>
    public static LiaisonOptions Default { get; } = new();

    /// <summary>"十联户": 10 households, 8–12.</summary>
    public static LiaisonOptions TenHouseholds { get; } = new() { Target = 10, Min = 8, Max = 12 };

    /// <summary>The preset of a name: <c>thirty</c> (the default) or <c>ten</c> (十联户).</summary>
    public static LiaisonOptions Preset(string name) => name.Trim().ToLowerInvariant() switch
    {
        DefaultPresetName or "default" or "30" => Default,
        TenPresetName or "10" => TenHouseholds,
        _ => throw new BadInputException("--preset", name, $"the liaison preset must be {DefaultPresetName} or {TenPresetName}"),
    };

    /// <summary>Checks 1 ≤ min ≤ target ≤ max ≤ <see cref="HardCap"/>; throws a <see cref="BadInputException"/> naming the broken rule.</summary>
    public LiaisonOptions Validate()
    {
        const string source = "liaison options";
        if (Min < 1) throw new BadInputException(source, $"min {Min}", "the minimum liaison unit size must be at least 1 household");
        if (Min > Target) throw new BadInputException(source, $"min {Min}, target {Target}", "the minimum must not exceed the target size");
        if (Target > Max) throw new BadInputException(source, $"target {Target}, max {Max}", "the target size must not exceed the maximum");
        if (Max > HardCap) throw new BadInputException(source, $"max {Max}", $"the maximum must not exceed the hard cap of {HardCap} households per liaison head");
        return this;
    }

    /// <summary>Whether a unit of <paramref name="households"/> lies within [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public bool InBounds(int households) => households >= Min && households <= Max;
}

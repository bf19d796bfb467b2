namespace GridGeo.Core.Editing;

/// <summary>
/// A basic grid that an edit leaves outside Min..Max households: allowed, but reported with its new figures.
/// </summary>
public sealed record BoundsWarning(string GridCode, int Households, int Min, int Max)
{
    public string Rule => "household-bounds";

    public string Message => Households < Min
        ? $"grid {GridCode} has {Households} households, below the minimum {Min}"
        : $"grid {GridCode} has {Households} households, above the maximum {Max}";
}

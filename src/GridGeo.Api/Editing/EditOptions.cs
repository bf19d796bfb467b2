namespace GridGeo.Api.Editing;

/// <summary>
/// Settings of map edits, section <c>GridGeo:Editing</c>: <c>Min</c> and <c>Max</c> are the household bounds of a basic
/// grid (default 300 and 500); an edit may leave them, and is then answered with a warning and the new figures.
/// </summary>
public sealed record EditOptions(int Min, int Max)
{
    public const string Section = "GridGeo:Editing";

    public static EditOptions From(IConfiguration configuration)
    {
        var min = configuration.GetValue<int?>($"{Section}:Min") ?? 300;
        var max = configuration.GetValue<int?>($"{Section}:Max") ?? 500;
        if (min < 0 || max < min) throw new InvalidOperationException($"{Section}: Min ({min}) must be ≥ 0 and Max ({max}) ≥ Min");
        return new EditOptions(min, max);
    }
}

namespace GridGeo.Core;

/// <summary>
/// Input that breaks a rule of the contract. The message names the file (or parameter), the feature
/// or line, and the rule, e.g. <c>buildings.geojson: feature 12 (id "B7"): households must be an integer ≥ 0</c>.
/// The CLI maps it to exit code 2 and the API to 400 problem+json.
/// </summary>
public sealed class BadInputException : Exception
{
    public BadInputException(string source, string? item, string rule)
        : base(item is null ? $"{source}: {rule}" : $"{source}: {item}: {rule}")
    {
        InputName = source;
        Item = item;
        Rule = rule;
    }

    /// <summary>The file or parameter that failed.</summary>
    public string InputName { get; }

    /// <summary>The feature, line or value that failed, when there is one.</summary>
    public string? Item { get; }

    /// <summary>The rule that was broken.</summary>
    public string Rule { get; }
}

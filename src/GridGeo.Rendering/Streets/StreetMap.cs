namespace GridGeo.Rendering.Streets;

/// <summary>
/// What a street's wall map shows: the street (code and names) and its layers; every grid of the street
/// (<see cref="MapLayers.Grids"/> whose code starts with <see cref="StreetCode"/>) is drawn in colour and labelled,
/// anything else in the layers (a neighbouring street's grids) is drawn greyed.
/// </summary>
public sealed record StreetMap(
    string StreetCode,
    string? StreetName,
    string? CountyName,
    MapLayers Layers,
    DateOnly PrintedOn,
    HouseholdBounds? Bounds = null)
{
    public IReadOnlyList<Core.Model.Grid> StreetGrids => Layers.Grids.Where(g => g.Code.StartsWith(StreetCode, StringComparison.Ordinal)).ToList();
}

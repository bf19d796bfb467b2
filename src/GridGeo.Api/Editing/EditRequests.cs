using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridGeo.Api.Editing;

/// <summary><c>POST /api/grids/merge</c>: the two grids to merge; the first keeps its code.</summary>
public sealed record MergeRequest([property: JsonPropertyName("codes")] string[]? Codes);

/// <summary><c>POST /api/grids/{code}/split</c>: a GeoJSON LineString drawn across the grid.</summary>
public sealed record SplitRequest([property: JsonPropertyName("line")] JsonElement Line);

/// <summary><c>PUT /api/grids/{code}/boundary</c>: the grid's new GeoJSON Polygon.</summary>
public sealed record RedrawRequest([property: JsonPropertyName("geometry")] JsonElement Geometry);

/// <summary><c>POST /api/grids/{code}/revert</c>: the version of the grid to go back to.</summary>
public sealed record RevertRequest([property: JsonPropertyName("version")] int Version);

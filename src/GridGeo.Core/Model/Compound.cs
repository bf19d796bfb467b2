using NetTopologySuite.Geometries;

namespace GridGeo.Core.Model;

/// <summary>A residential compound (小区): buildings that planners keep in one grid when it fits.</summary>
public sealed record Compound(string Id, string Name, string? CommunityCode, Geometry Boundary);

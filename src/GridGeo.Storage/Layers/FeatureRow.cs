using NetTopologySuite.Geometries;

namespace GridGeo.Storage.Layers;

/// <summary>
/// One feature read from a <see cref="FeatureLayer"/>: its id, its WGS84 geometry (null for a liaison unit
/// without an outline) and its property values in the order of <see cref="FeatureLayer.PropertyNames"/>. A value
/// is null, a string, an int, a long, a double, a bool or a string array.
/// </summary>
public sealed record FeatureRow(string Id, Geometry? Geometry, object?[] Values);

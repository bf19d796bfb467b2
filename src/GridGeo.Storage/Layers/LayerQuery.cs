using NetTopologySuite.Geometries;

namespace GridGeo.Storage.Layers;

/// <summary>
/// Which features of a layer to read; all filters are optional and combine with AND. <see cref="Box"/> (lon/lat)
/// keeps features whose bounding box meets it; <see cref="Community"/> (12 digits) and <see cref="Street"/>
/// (9 digits) keep features of that community or street; <see cref="IdPrefix"/> keeps features whose id starts with it
/// (a grid code selects that grid's liaison units); <see cref="Limit"/> null means all, read in id order from
/// <see cref="Offset"/>.
/// </summary>
public sealed record LayerQuery(Envelope? Box = null, string? Community = null, string? Street = null, int? Limit = null, long Offset = 0,
    string? IdPrefix = null);

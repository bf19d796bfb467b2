using NetTopologySuite.Geometries;

namespace GridGeo.Storage.Model;

/// <summary>
/// A row of <c>grids</c>: one version of a grid of a plan. An edit changes the row in place and raises
/// <see cref="Version"/>, the concurrency token behind a grid's ETag (<c>"id-version"</c>); a row is current while its
/// plan is published and <see cref="ValidTo"/> is unset.
/// </summary>
public sealed class GridRow
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public string Code { get; set; } = "";
    public string CommunityCode { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? DedicatedKind { get; set; }
    public Geometry Boundary { get; set; } = null!;
    public int Households { get; set; }
    public string[] Buildings { get; set; } = [];
    public bool Locked { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
}

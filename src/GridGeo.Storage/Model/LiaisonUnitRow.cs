using NetTopologySuite.Geometries;

namespace GridGeo.Storage.Model;

/// <summary>A row of <c>liaison_units</c>: a liaison unit of a plan's grid. Written by binary COPY (<see cref="Plans.PlanStore"/>).</summary>
public sealed class LiaisonUnitRow
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public string Code { get; set; } = "";
    public string GridCode { get; set; } = "";
    public int Households { get; set; }
    public string[] Members { get; set; } = [];
    public Geometry? Boundary { get; set; }
}

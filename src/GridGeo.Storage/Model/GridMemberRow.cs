namespace GridGeo.Storage.Model;

/// <summary>
/// A row of <c>grid_members</c>: a member building (or one stair <see cref="Unit"/> of it) of a grid row with its
/// households. The table has no key, so the model only reads it; members are written by named SQL (<see cref="Sql.EditSql"/>).
/// </summary>
public sealed class GridMemberRow
{
    public long GridId { get; set; }
    public string BuildingId { get; set; } = "";
    public int? Unit { get; set; }
    public int Households { get; set; }
}

namespace GridGeo.Storage.Model;

/// <summary>
/// A row of <c>staff</c> (migration 0040): a person of the roster, with their <see cref="Assignments"/>.
/// <see cref="RowVersion"/> is PostgreSQL's <c>xmin</c>, the concurrency token of the row.
/// </summary>
public sealed class StaffRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Role { get; set; } = "";
    public string StreetCode { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint RowVersion { get; set; }
    public List<StaffAssignmentRow> Assignments { get; set; } = [];
}

/// <summary>A row of <c>staff_assignments</c>: a grid (15 digits) or liaison unit (18 digits) code a person serves.</summary>
public sealed class StaffAssignmentRow
{
    public long StaffId { get; set; }
    public string Code { get; set; } = "";
}

/// <summary>A row of <c>staff_keys</c>: the API key that acts for a person of the roster.</summary>
public sealed class StaffKeyRow
{
    public long KeyId { get; set; }
    public long StaffId { get; set; }
}

namespace GridGeo.Storage.Model;

/// <summary>
/// A row of <c>audit_log</c>: who did what to which entity, with its state before and after as JSON text and the grid
/// codes it touched (for a grid's history). <see cref="Id"/> and <see cref="At"/> (the transaction's time) come from
/// the database when the row is saved.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public string Who { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Action { get; set; } = "";
    public string Entity { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string[] Grids { get; set; } = [];
}

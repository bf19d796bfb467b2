namespace GridGeo.Storage.Model;

/// <summary>
/// A row of <c>plan_jobs</c> (migration 0010): one queued plan run. Jobs are made through the model with their draft;
/// claiming, heartbeats and finishing stay named SQL (<see cref="Sql.PlanJobSql"/>: <c>FOR UPDATE SKIP LOCKED</c>).
/// </summary>
public sealed class PlanJobRow
{
    public long PlanId { get; set; }
    public string Request { get; set; } = "{}";
    public string[] Communities { get; set; } = [];
    public string State { get; set; } = "queued";
    public int Attempts { get; set; }
    public string? Worker { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

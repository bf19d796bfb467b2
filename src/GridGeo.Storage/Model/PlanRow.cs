namespace GridGeo.Storage.Model;

/// <summary>A row of <c>plans</c> (migrations 0001, 0010): a draft, published or retired plan; the JSON columns as text.</summary>
public sealed class PlanRow
{
    public long Id { get; set; }
    public string Status { get; set; } = Plans.PlanStatuses.Draft;
    public string Kind { get; set; } = "";
    public string Params { get; set; } = "{}";
    public string? Summary { get; set; }
    public float Progress { get; set; }
    public string? Error { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Per community, digests of the district the draft was computed from (<see cref="Plans.CommunityDigest"/>).</summary>
    public string? District { get; set; }

    /// <summary>The current grids (id, code, version) the draft was computed to replace.</summary>
    public string? Replaces { get; set; }
}

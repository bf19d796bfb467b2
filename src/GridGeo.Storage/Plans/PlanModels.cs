using GridGeo.Core.Model;

namespace GridGeo.Storage.Plans;

/// <summary>The life of a plan: a <c>draft</c> is being computed or reviewed, one <c>published</c> plan per community is current, <c>retired</c> ones are history.</summary>
public static class PlanStatuses
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Retired = "retired";
}

/// <summary>What made a plan: a partition run, a rebalance of a current plan, or a grids file imported as is.</summary>
public static class PlanKinds
{
    public const string Partition = "partition";
    public const string Rebalance = "rebalance";
    public const string Import = "import";

    public static bool IsKnown(string kind) => kind is Partition or Rebalance or Import;
}

/// <summary>
/// A stored plan. <see cref="ParamsJson"/> and <see cref="SummaryJson"/> are the JSON text stored with it;
/// <see cref="Progress"/> runs 0…1; <see cref="CompletedAt"/> is set by <see cref="PlanStore.CompleteAsync"/>.
/// </summary>
public sealed record PlanRecord(
    long Id,
    string Status,
    string Kind,
    string ParamsJson,
    string? SummaryJson,
    double Progress,
    string? Error,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? PublishedAt,
    int GridCount);

/// <summary>A grid as stored: the Core grid plus its row id, plan, lock, version (for ETags) and validity period.</summary>
public sealed record StoredGrid(
    long Id,
    long PlanId,
    Grid Grid,
    bool Locked,
    int Version,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo);

/// <summary>A grid of the same plan whose boundary meets this one's, with the length of border they share (metres; 0 when they only touch at a point).</summary>
public sealed record GridNeighbour(string Code, string Kind, int Households, double SharedBorderMetres);

/// <summary>One current grid with its place in the code chain, its neighbours and its liaison unit count.</summary>
public sealed record GridDetails(
    StoredGrid Stored,
    string? CommunityName,
    string? StreetCode,
    string? StreetName,
    string? CountyCode,
    string? CountyName,
    int LiaisonUnits,
    IReadOnlyList<GridNeighbour> Neighbours);

/// <summary>Which current grids to return: all filters are optional and combine with AND.</summary>
public sealed record GridFilter(NetTopologySuite.Geometries.Envelope? Box = null, string? Community = null, string? Kind = null);

/// <summary>The outcome of <see cref="PlanStore.PublishAsync"/>.</summary>
public enum PublishOutcome
{
    Published,
    NotFound,
    NotDraft,
    NotComplete,

    /// <summary>A grid the plan was computed from was edited, replaced or ended since.</summary>
    BaseChanged,

    /// <summary>The current grids of the plan's communities changed since it was computed (<see cref="PublishResult.Changes"/> names how).</summary>
    GridsChanged,

    /// <summary>The stored district (community boundaries, buildings, households) changed since the plan was computed (<see cref="PublishResult.Changes"/> names how).</summary>
    DistrictChanged,
}

/// <summary>
/// A current grid a plan was computed from (a rebalance starts from the current grids): the grid row's id, code and
/// version, stored in the plan's params as <c>base</c>. Publishing such a plan requires each still current at that version.
/// </summary>
public sealed record PlanBaseGrid(
    [property: System.Text.Json.Serialization.JsonPropertyName("id")] long Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("code")] string Code,
    [property: System.Text.Json.Serialization.JsonPropertyName("version")] int Version)
{
    public static PlanBaseGrid Of(StoredGrid g) => new(g.Id, g.Grid.Code, g.Version);
}

/// <summary>Reads the <c>base</c> of a plan's params (empty when the plan has none).</summary>
public static class PlanBase
{
    public static IReadOnlyList<PlanBaseGrid> Of(string paramsJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(paramsJson);
        if (!doc.RootElement.TryGetProperty("base", out var b) || b.ValueKind != System.Text.Json.JsonValueKind.Array) return [];
        return b.EnumerateArray()
            .Select(e => new PlanBaseGrid(e.GetProperty("id").GetInt64(), e.GetProperty("code").GetString()!, e.GetProperty("version").GetInt32()))
            .ToList();
    }
}

/// <summary>What <see cref="PlanStore.PublishAsync"/> did: its outcome and the plans it retired.</summary>
public sealed record PublishResult(PublishOutcome Outcome, IReadOnlyList<long> RetiredPlans, IReadOnlyList<string>? Changes = null);

/// <summary>Digests of one community's stored data, as a draft was computed from it (see <see cref="PlanStore.RecordComputedFromAsync"/>).</summary>
public sealed record CommunityDigest(string Code, string? Boundary, string Buildings, int BuildingCount, string Households, int HouseholdCount)
{
    /// <summary>What changed from <paramref name="then"/> to this, in words; empty when nothing did.</summary>
    public IEnumerable<string> ChangesSince(CommunityDigest then)
    {
        if (Boundary is null && then.Boundary is not null) yield return $"community {Code} is no longer stored";
        else if (Boundary is not null && then.Boundary is null) yield return $"community {Code} was not stored then and is now";
        else if (Boundary != then.Boundary) yield return $"community {Code}: its boundary or name changed";
        if (Buildings != then.Buildings)
            yield return $"community {Code}: its buildings changed ({then.BuildingCount} then, {BuildingCount} now)";
        if (Households != then.Households)
            yield return $"community {Code}: its households changed ({then.HouseholdCount} then, {HouseholdCount} now)";
    }
}

/// <summary>What a draft was computed from, as recorded with it: the district digests and the current grids, as JSON.</summary>
public sealed record ComputedFrom(string DistrictJson, string ReplacesJson);

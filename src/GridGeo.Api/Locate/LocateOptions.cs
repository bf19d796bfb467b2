namespace GridGeo.Api.Locate;

/// <summary>
/// Settings of "which grid", section <c>GridGeo:Locate</c>: <c>MaxBatchPoints</c> (points per POST /api/locate,
/// default 100,000), <c>BytesPerPoint</c> (body allowance per point, default 80: a POST body may have
/// MaxBatchPoints × BytesPerPoint bytes), <c>PollSeconds</c> (how often the plan fingerprint is checked for changes
/// made by other processes, default 3), <c>MaxAddressResults</c> (largest <c>limit</c> of the address search, default 100).
/// </summary>
public sealed record LocateOptions(int MaxBatchPoints, int BytesPerPoint, double PollSeconds, int MaxAddressResults)
{
    /// <summary><c>EmptyEndpoint</c> (default false): maps <c>GET /api/locate/empty</c>, an answer of <c>{}</c> that does nothing, as the benchmark's floor.</summary>
    public bool EmptyEndpoint { get; init; }

    public const string Section = "GridGeo:Locate";

    public long MaxBodyBytes => Math.Max(1L << 20, (long)MaxBatchPoints * BytesPerPoint);

    public static LocateOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        var options = new LocateOptions(
            s.GetValue<int?>("MaxBatchPoints") ?? 100_000,
            s.GetValue<int?>("BytesPerPoint") ?? 80,
            s.GetValue<double?>("PollSeconds") ?? 3,
            s.GetValue<int?>("MaxAddressResults") ?? 100) { EmptyEndpoint = s.GetValue<bool?>("EmptyEndpoint") ?? false };
        if (options.MaxBatchPoints < 1) throw new InvalidOperationException($"{Section}:MaxBatchPoints must be ≥ 1, not {options.MaxBatchPoints}");
        if (options.BytesPerPoint < 16) throw new InvalidOperationException($"{Section}:BytesPerPoint must be ≥ 16, not {options.BytesPerPoint}");
        if (options.PollSeconds is <= 0 or > 3600) throw new InvalidOperationException($"{Section}:PollSeconds must be within (0, 3600], not {options.PollSeconds}");
        if (options.MaxAddressResults < 1) throw new InvalidOperationException($"{Section}:MaxAddressResults must be ≥ 1, not {options.MaxAddressResults}");
        return options;
    }
}

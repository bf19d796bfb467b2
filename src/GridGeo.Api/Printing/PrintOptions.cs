namespace GridGeo.Api.Printing;

/// <summary>
/// Settings of printed boards and maps, section <c>GridGeo:Print</c>: <c>PublicBaseUrl</c> (the address residents
/// reach the service at, for the QR codes; default: the request's own scheme and host, or http://127.0.0.1:5080 from
/// the command line), <c>GridPageUrl</c> (the page a board's QR code opens; <c>{base}</c> and <c>{code}</c> are
/// replaced; default <c>{base}/?grid={code}</c>, the map viewer with that grid selected), <c>MinHouseholds</c> and
/// <c>MaxHouseholds</c> (the bounds basic grids are coloured against, default 300 and 500), <c>MaxDpi</c> (largest
/// PNG resolution, default 300).
/// </summary>
public sealed record PrintOptions(string? PublicBaseUrl, string GridPageUrl, int MinHouseholds, int MaxHouseholds, int MaxDpi)
{
    public const string Section = "GridGeo:Print";
    public const string DefaultBaseUrl = "http://127.0.0.1:5080";

    public static PrintOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        var options = new PrintOptions(
            s["PublicBaseUrl"] is { Length: > 0 } b ? b.TrimEnd('/') : null,
            s["GridPageUrl"] is { Length: > 0 } p ? p : "{base}/?grid={code}",
            s.GetValue<int?>("MinHouseholds") ?? 300,
            s.GetValue<int?>("MaxHouseholds") ?? 500,
            s.GetValue<int?>("MaxDpi") ?? 300);
        if (options.PublicBaseUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw new InvalidOperationException($"{Section}:PublicBaseUrl must be an absolute URL, not \"{url}\"");
        if (!options.GridPageUrl.Contains("{code}", StringComparison.Ordinal))
            throw new InvalidOperationException($"{Section}:GridPageUrl must contain {{code}}, not \"{options.GridPageUrl}\"");
        if (options.MinHouseholds < 1 || options.MaxHouseholds < options.MinHouseholds)
            throw new InvalidOperationException($"{Section}: MinHouseholds must be ≥ 1 and MaxHouseholds ≥ MinHouseholds, not {options.MinHouseholds}..{options.MaxHouseholds}");
        if (options.MaxDpi is < 72 or > 600) throw new InvalidOperationException($"{Section}:MaxDpi must be within 72..600, not {options.MaxDpi}");
        return options;
    }

    /// <summary>The address a board's QR code opens for grid <paramref name="code"/>.</summary>
    public string PageUrlOf(string code, string? requestBaseUrl) =>
        GridPageUrl.Replace("{base}", PublicBaseUrl ?? requestBaseUrl?.TrimEnd('/') ?? DefaultBaseUrl, StringComparison.Ordinal)
            .Replace("{code}", code, StringComparison.Ordinal);
}

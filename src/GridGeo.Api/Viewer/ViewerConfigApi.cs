namespace GridGeo.Api.Viewer;

/// <summary>
/// The map viewer's settings, section <c>GridGeo:Viewer</c>: the household bounds its colours use (<c>Min</c>,
/// <c>Max</c>, default 300 and 500), an optional XYZ basemap (<c>Basemap:Url</c> with <c>{z}/{x}/{y}</c>,
/// <c>Basemap:Attribution</c>, <c>Basemap:Datum</c> = wgs84 | cgcs2000 | gcj02 | bd09, <c>Basemap:MaxZoom</c>) and an
/// optional first view <c>Extent</c> (minLon,minLat,maxLon,maxLat). Without a basemap the viewer draws on a plain
/// background and needs no network beyond this API.
/// </summary>
public sealed record ViewerSettings(int Min, int Max, ViewerBasemap? Basemap, double[]? Extent)
{
    public const string Section = "GridGeo:Viewer";

    public static ViewerSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var min = section.GetValue<int?>("Min") ?? 300;
        var max = section.GetValue<int?>("Max") ?? 500;
        if (min < 0 || max < min) throw new InvalidOperationException($"{Section}: Min must be ≥ 0 and Max ≥ Min, not {min}…{max}");
        var url = section["Basemap:Url"];
        ViewerBasemap? basemap = null;
        if (!string.IsNullOrWhiteSpace(url))
        {
            var datum = (section["Basemap:Datum"] ?? "wgs84").ToLowerInvariant();
            if (datum is not ("wgs84" or "cgcs2000" or "gcj02" or "bd09"))
                throw new InvalidOperationException($"{Section}:Basemap:Datum must be wgs84, cgcs2000, gcj02 or bd09, not \"{datum}\"");
            basemap = new ViewerBasemap(url, section["Basemap:Attribution"], datum, section.GetValue<int?>("Basemap:MaxZoom"));
        }
        var extentText = section["Extent"];
        double[]? extent = null;
        if (!string.IsNullOrWhiteSpace(extentText))
        {
            extent = extentText.Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            if (extent.Length != 4) throw new InvalidOperationException($"{Section}:Extent must be minLon,minLat,maxLon,maxLat, not \"{extentText}\"");
        }
        return new ViewerSettings(min, max, basemap, extent);
    }
}

/// <summary>An XYZ tile basemap; <see cref="Datum"/> says whether its tiles are offset (GCJ-02 / BD-09) from WGS84.</summary>
public sealed record ViewerBasemap(string Url, string? Attribution, string Datum, int? MaxZoom);

/// <summary><c>GET /api/viewer-config</c>: <see cref="ViewerSettings"/> as JSON for the map viewer.</summary>
public static class ViewerConfigApi
{
    public static IEndpointRouteBuilder MapViewerConfigApi(this IEndpointRouteBuilder app)
    {
        var settings = ViewerSettings.From(app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapGet("/api/viewer-config", () => Results.Json(new
            {
                min = settings.Min,
                max = settings.Max,
                basemap = settings.Basemap is { } b ? new { url = b.Url, attribution = b.Attribution, datum = b.Datum, max_zoom = b.MaxZoom } : null,
                extent = settings.Extent,
            }))
            .WithTags("Viewer")
            .WithSummary("the map viewer's settings: household bounds, optional basemap and first view");
        return app;
    }
}

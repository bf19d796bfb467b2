using Microsoft.Extensions.FileProviders;

namespace GridGeo.Api.Viewer;

/// <summary>
/// Serves the built map viewer (<see cref="ApiOptions.ViewerPath"/>) as static files, <c>index.html</c> at
/// <c>/</c>, for paths outside <c>/api</c>. When the folder is absent, <c>/</c> says so and points to the API docs.
/// </summary>
public static class ViewerFiles
{
    public static WebApplication UseViewerFiles(this WebApplication app, string? viewerPath)
    {
        if (viewerPath is not null && File.Exists(Path.Combine(viewerPath, "index.html")))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(viewerPath));
            // The viewer has no files under /api: API requests (the lookup hot path) do not pass through these two.
            app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), viewer => viewer
                .UseDefaultFiles(new DefaultFilesOptions { FileProvider = files })
                .UseStaticFiles(new StaticFileOptions { FileProvider = files }));
            return app;
        }
        app.MapGet("/", () => Results.Content(
                "<!doctype html><meta charset=utf-8><title>GridGeo</title><p>GridGeo API. The map viewer is not built " +
                $"(no index.html in {System.Net.WebUtility.HtmlEncode(viewerPath ?? "(none)")}). API docs: <a href=\"/swagger\">/swagger</a>.",
                "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }
}

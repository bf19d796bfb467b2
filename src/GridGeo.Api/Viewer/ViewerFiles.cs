using Microsoft.Extensions.FileProviders;

namespace GridGeo.Api.Viewer;

/// <summary>
/// Serves the built map viewer (<see cref="ApiOptions.ViewerPath"/>) as static files, <c>index.html</c> at
/// <c>/</c>. When the folder is absent, <c>/</c> says so and points to the API docs.
/// </summary>
public static class ViewerFiles
{
    public static WebApplication UseViewerFiles(this WebApplication app, string? viewerPath)
    {
        if (viewerPath is not null && File.Exists(Path.Combine(viewerPath, "index.html")))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(viewerPath));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
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

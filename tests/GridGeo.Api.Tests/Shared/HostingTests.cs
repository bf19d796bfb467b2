using System.Net;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Shared;

/// <summary>The host's cross-cutting behaviour: the request body limit and the viewer's static files.</summary>
public sealed class HostingTests(HostingTests.ViewerFactory api) : IClassFixture<HostingTests.ViewerFactory>
{
    /// <summary>A 1 KiB body limit and a viewer folder with an index.html and a script.</summary>
    public sealed class ViewerFactory : GridGeoApiFactory
    {
        public string ViewerDir { get; } = TestBundle.NewFolder();

        public ViewerFactory()
        {
            File.WriteAllText(Path.Combine(ViewerDir, "index.html"), "<!doctype html><title>GridGeo viewer</title>");
            File.WriteAllText(Path.Combine(ViewerDir, "app.js"), "console.log('map');");
        }

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["GridGeo:ViewerPath"] = ViewerDir,
            ["GridGeo:MaxRequestBodyBytes"] = "1024",
        };
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_problem()
    {
        var response = await api.CreateClient().PostAsync("/api/grids", new ByteArrayContent(new byte[4096]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_viewer_is_served_at_the_root_with_its_files()
    {
        var client = api.CreateClient();
        Assert.Contains("GridGeo viewer", await client.GetStringAsync("/"));
        Assert.Contains("map", await client.GetStringAsync("/app.js"));
    }
}

using System.Net;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Health;

public sealed class HealthApiTests(GridGeoApiFactory api) : IClassFixture<GridGeoApiFactory>
{
    [Fact]
    public async Task Health_is_200_when_the_database_answers()
    {
        var response = await api.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":\"up\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_503_problem_when_the_database_does_not_answer()
    {
        await using var down = new UnreachableDatabaseFactory();
        var response = await down.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Swagger_describes_the_endpoints()
    {
        var json = await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json");
        Assert.Contains("/api/grids/{code}", json);
        Assert.Contains("/health", json);
        var ui = await api.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    /// <summary>Port 1 on the loopback refuses connections at once.</summary>
    private sealed class UnreachableDatabaseFactory : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("ConnectionStrings:GridGeo", "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");
    }
}

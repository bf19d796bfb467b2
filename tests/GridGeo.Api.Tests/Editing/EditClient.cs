using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridGeo.Storage.Auth;
using GridGeo.Testing;

namespace GridGeo.Api.Tests.Editing;

/// <summary>Test helper: an HTTP client with an API key, ETag reads and edits with If-Match.</summary>
public sealed class EditClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static async Task<EditClient> WithKeyAsync(GridGeoApiFactory api, string role, params string[] streets)
    {
        var (key, _) = await new ApiKeyStore(api.Database.DataSource).CreateAsync($"{role}-{Guid.NewGuid():N}"[..20], role, streets);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return new EditClient(client);
    }

    public async Task<string> ETagAsync(string code)
    {
        var response = await Http.GetAsync($"/api/grids/{code}");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    public async Task<JsonElement> GridAsync(string code) =>
        JsonDocument.Parse(await Http.GetStringAsync($"/api/grids/{code}")).RootElement;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Http.SendAsync(request);
    }

    /// <summary>Sends an edit with the grid's current ETag.</summary>
    public async Task<HttpResponseMessage> EditAsync(HttpMethod method, string url, object? body, params string[] codes)
    {
        var tags = new List<string>();
        foreach (var c in codes) tags.Add(await ETagAsync(c));
        return await SendAsync(method, url, body, string.Join(", ", tags));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static MediaTypeHeaderValue? Type(HttpResponseMessage r) => r.Content.Headers.ContentType;
}

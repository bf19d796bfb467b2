using System.Diagnostics;
using System.Net.Http.Headers;

namespace GridGeo.Bench.Locate;

/// <summary>POST /api/locate with a whole points CSV as the body (streamed from disk), reading the streamed answer.</summary>
public static class HttpPostBench
{
    public static async Task<int> Run(string baseUrl, string pointsCsv, string crs)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(pointsCsv);
        var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/locate?crs={crs}") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var firstByte = clock.Elapsed.TotalSeconds;
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long lines = 0, bytes = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            bytes += n;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
        }
        var total = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"POST /api/locate: HTTP {(int)response.StatusCode}, {lines - 1:N0} answers ({bytes / 1e6:0.0} MB) in {total:0.00} s " +
                          $"(headers after {firstByte:0.00} s) = {(lines - 1) / total:N0} points/s");
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}

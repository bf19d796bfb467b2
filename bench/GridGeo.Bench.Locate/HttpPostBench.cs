using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace GridGeo.Bench.Locate;

/// <summary>
/// POST /api/locate with a points CSV, cut into requests of <c>batch</c> points sent one after another over one
/// keep-alive connection; every streamed answer is read to the end and its rows counted. The bodies are encoded before
/// the clock starts; the client's CPU seconds while sending and reading are printed beside the wall time.
/// </summary>
public static class HttpPostBench
{
    public static async Task<int> Run(string baseUrl, string pointsCsv, string crs, int batch)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        // The request bodies are made before the clock starts: preparing the client's data is not the service's cost.
        var (bodies, points) = await BodiesAsync(pointsCsv, batch);
        GC.Collect();
        var clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long answers = 0, bytes = 0;
        var requests = 0;
        var failed = 0;
        var buffer = new byte[1 << 16];
        foreach (var body in bodies)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            using var response = await http.PostAsync($"/api/locate?crs={crs}", content, CancellationToken.None);
            requests++;
            if (!response.IsSuccessStatusCode)
            {
                failed++;
                Console.Error.WriteLine($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                continue;
            }
            await using var stream = await response.Content.ReadAsStreamAsync();
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                bytes += n;
                answers += buffer.AsSpan(0, n).Count((byte)'\n');
            }
            answers--; // the header row
        }
        var total = clock.Elapsed.TotalSeconds;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu0).TotalSeconds;
        Console.WriteLine($"POST /api/locate: {points:N0} points in {requests} request(s) of ≤ {batch:N0}: {answers:N0} answers ({bytes / 1e6:0.0} MB) " +
                          $"in {total:0.00} s = {answers / total:N0} points/s; client CPU {clientCpu:0.00} s{(failed > 0 ? $", {failed} FAILED" : "")}");
        return failed == 0 && answers == points ? 0 : 1;
    }

    private static async Task<(List<byte[]> Bodies, int Points)> BodiesAsync(string pointsCsv, int batch)
    {
        var lines = await File.ReadAllLinesAsync(pointsCsv);
        var bodies = new List<byte[]>();
        for (var start = 1; start < lines.Length; start += batch)
        {
            var text = new StringBuilder(lines[0]).Append('\n');
            for (var i = start; i < Math.Min(lines.Length, start + batch); i++) text.Append(lines[i]).Append('\n');
            bodies.Add(Encoding.UTF8.GetBytes(text.ToString()));
        }
        return (bodies, lines.Length - 1);
    }
}

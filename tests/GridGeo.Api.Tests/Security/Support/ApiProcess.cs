using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace GridGeo.Api.Tests.Security.Support;

/// <summary>
/// The API as a real process (<c>dotnet GridGeo.Api.dll --urls …</c>, the same host <c>gridgeo serve</c> runs), so that
/// a test can kill it with SIGKILL (<see cref="Kill"/>) as a crash would, and start another on the same database.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ApiProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Url { get; }

    /// <summary>The process id (the API names its plan worker after it: host:pid:…).</summary>
    public int Id => _process.Id;

    public HttpClient Http { get; }

    /// <summary>The process's last output lines, for failure messages.</summary>
    public string Log => string.Join('\n', _log.TakeLast(40));

    public static async Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "GridGeo.Api.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__GridGeo"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start)!;
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) api.Remember(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) api.Remember(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the API process exited ({process.ExitCode}):\n{api.Log}");
            try
            {
                using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                var health = await probe.GetAsync(new Uri(api.Url, "/health"));
                if (health.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable) return api;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (deadline.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"the API process did not answer in 120 s:\n{api.Log}");
            await Task.Delay(200);
        }
    }

    /// <summary>Starts a plan run (<c>POST /api/plans</c>, 202) and returns its id.</summary>
    public async Task<long> StartPlanAsync(object body)
    {
        var response = await Http.PostAsJsonAsync("/api/plans", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Polls <c>GET /api/plans/{id}</c> until the run is complete or failed (bounded by <paramref name="limit"/>, not a timing assertion).</summary>
    public async Task<JsonElement> WaitForPlanAsync(long id, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var plan = JsonDocument.Parse(await Http.GetStringAsync($"/api/plans/{id}")).RootElement;
            if (plan.GetProperty("complete").GetBoolean() || plan.GetProperty("error").ValueKind == JsonValueKind.String) return plan;
            if (clock.Elapsed > limit) throw new TimeoutException($"plan {id} did not finish in {limit.TotalSeconds} s: {plan}\n{Log}");
            await Task.Delay(100);
        }
    }

    private void Remember(string line)
    {
        _log.Enqueue(line);
        while (_log.Count > 200) _log.TryDequeue(out _);
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

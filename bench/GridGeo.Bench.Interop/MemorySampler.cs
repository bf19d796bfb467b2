using System.Diagnostics;

namespace GridGeo.Bench.Interop;

/// <summary>
/// Samples this process's resident set and managed heap every few milliseconds while a measured action runs, and
/// keeps the peaks: "flat memory" means the peak does not grow with the number of features streamed.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public long PeakRssBytes { get; private set; }
    public long PeakHeapBytes { get; private set; }

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _loop = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                self.Refresh();
                PeakRssBytes = Math.Max(PeakRssBytes, self.WorkingSet64);
                PeakHeapBytes = Math.Max(PeakHeapBytes, GC.GetTotalMemory(false));
                try { await Task.Delay(5, _stop.Token); }
                catch (OperationCanceledException) { break; }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_loop.IsCompleted) return;
        await _stop.CancelAsync();
        await _loop;
    }
}

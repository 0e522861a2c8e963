using System.Diagnostics;

namespace KubeMQ.Benchmarks.Throughput;

/// <summary>Samples the process working set while a scenario runs; client and broker share this process.</summary>
internal sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public WorkingSetSampler()
    {
        _loop = SampleAsync();
    }

    public long PeakBytes => Interlocked.Read(ref _peak);

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                process.Refresh();
                var current = process.WorkingSet64;
                if (current > _peak)
                    Interlocked.Exchange(ref _peak, current);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

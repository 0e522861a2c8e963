namespace KubeMQ.Benchmarks.Throughput;

/// <summary>
/// One measured workload: a pattern through one path (the raw-gRPC ceiling, the core client, or typed proxies).
/// The runner calls <see cref="RunAsync"/> once for the warm-up and once for the measured window, each with fresh
/// counters, then <see cref="DrainAsync"/> so that nothing sent is left uncounted.
/// </summary>
internal abstract class ThroughputScenario : IAsyncDisposable
{
    /// <summary>The pattern row of the table, e.g. "query" or "events stream".</summary>
    public abstract string Pattern { get; }

    /// <summary>"ceiling", "core" or "typed".</summary>
    public abstract string Path { get; }

    public virtual int Concurrency => 1;

    /// <summary>True when every message sent must be delivered (the scenario fails otherwise).</summary>
    public virtual bool MustDeliverAll => true;

    public virtual Task SetupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs the workers until <paramref name="stop"/> fires, reporting into <paramref name="counters"/>.</summary>
    public abstract Task RunAsync(ScenarioCounters counters, CancellationToken stop);

    /// <summary>After the producers stopped: waits (bounded) until the consumers caught up with what was sent.</summary>
    public virtual async Task DrainAsync(ScenarioCounters counters, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (counters.Delivered < counters.Sent && DateTime.UtcNow < deadline)
            await Task.Delay(10).ConfigureAwait(false);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

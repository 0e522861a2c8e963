using System.Diagnostics;

namespace KubeMQ.Benchmarks.Throughput;

/// <summary>Warms a scenario up, measures it for a fixed window, drains it, and reports one result row.</summary>
internal sealed class ThroughputRunner(TimeSpan warmUp, TimeSpan measure, TextWriter log)
{
    public async Task<ScenarioResult> RunAsync(ThroughputScenario scenario)
    {
        log.Write($"  {scenario.Pattern,-22} {scenario.Path,-8} c={scenario.Concurrency,-3} ");
        await scenario.SetupAsync(CancellationToken.None).ConfigureAwait(false);

        // The first half-second runs several times slower (JIT tiers, pools, HTTP/2 windows): never measure it.
        var warm = new ScenarioCounters();
        using (var stopWarm = new CancellationTokenSource(warmUp))
            await scenario.RunAsync(warm, stopWarm.Token).ConfigureAwait(false);
        await scenario.DrainAsync(warm, TimeSpan.FromSeconds(10)).ConfigureAwait(false);

        var counters = new ScenarioCounters();
        var sampler = new WorkingSetSampler();
        var started = Stopwatch.GetTimestamp();
        using (var stop = new CancellationTokenSource(measure))
            await scenario.RunAsync(counters, stop.Token).ConfigureAwait(false);
        await scenario.DrainAsync(counters, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await sampler.DisposeAsync().ConfigureAwait(false);

        var result = new ScenarioResult(
            scenario.Pattern, scenario.Path, scenario.Concurrency,
            counters.Sent, counters.Delivered, counters.Errors, counters.FirstError,
            elapsed, counters.Latency.Percentile(50), counters.Latency.Percentile(99),
            sampler.PeakBytes, scenario.MustDeliverAll);
        log.WriteLine(result.Failed ? $"FAILED: {result.FailureReason}" : $"{result.MessagesPerSecond,10:N0} msgs/s");
        return result;
    }
}

using System.Diagnostics;
using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Throughput;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// Events, events store and queues: <c>concurrency</c> senders publish while one receiver counts what arrives,
/// with at most <c>window</c> messages sent and not yet received. Throughput is what the receiver got.
/// </summary>
internal abstract class OneWayScenario(string pattern, ScenarioPath path, int concurrency, int window)
    : BrokerScenario(pattern, path, concurrency)
{
    private static readonly TimeSpan ReadinessLimit = TimeSpan.FromSeconds(30);

    /// <summary>One sender's send function (each worker gets its own, so hand-written code may reuse buffers).</summary>
    protected abstract Func<BenchmarkPayload, ValueTask> CreateSender();

    public override async Task RunAsync(ScenarioCounters counters, CancellationToken stop)
    {
        var run = new DeliveryWindow(counters, window);
        Probe.Current = run;
        var workers = new Task[Concurrency];
        var sequence = 0;
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                var send = CreateSender();
                while (true)
                {
                    try
                    {
                        await run.EnterAsync(stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    await SendCountedAsync(send, counters, Interlocked.Increment(ref sequence)).ConfigureAwait(false);
                }
            }, CancellationToken.None);
        }
        await Task.WhenAll(workers).ConfigureAwait(false);
        await AfterSendersStoppedAsync(run, Interlocked.Increment(ref sequence)).ConfigureAwait(false);
    }

    /// <summary>Lets a scenario top its last batch up so that the receiver is not left waiting for a full one.</summary>
    protected virtual Task AfterSendersStoppedAsync(DeliveryWindow run, int nextSequence) => Task.CompletedTask;

    protected static async Task SendCountedAsync(Func<BenchmarkPayload, ValueTask> send, ScenarioCounters counters, int sequence)
    {
        counters.AddSent();
        try
        {
            await send(BenchmarkPayload.Create(Stopwatch.GetTimestamp(), sequence)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            counters.AddError(e);
        }
    }

    /// <summary>
    /// Publishes through the scenario's own sender until the receiver has seen one message: the only proof that a
    /// subscription is registered, since KubeMQ sends nothing when it is. Stray probes land in a discarded window.
    /// </summary>
    protected override async Task WaitUntilReceivingAsync(CancellationToken cancellationToken)
    {
        var probe = new DeliveryWindow(new ScenarioCounters(), int.MaxValue / 2);
        Probe.Current = probe;
        var send = CreateSender();
        var deadline = Stopwatch.GetTimestamp() + (long)(ReadinessLimit.TotalSeconds * Stopwatch.Frequency);
        var sequence = 0;
        while (probe.Counters.Delivered == 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"{Pattern} ({Path}): the receiver got nothing within {ReadinessLimit.TotalSeconds} s.");
            await send(BenchmarkPayload.Create(Stopwatch.GetTimestamp(), --sequence)).ConfigureAwait(false);
            for (var i = 0; i < 20 && probe.Counters.Delivered == 0; i++)
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        Probe.Current = null;
    }
}

using System.Diagnostics;
using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Benchmarks.Throughput;
using KubeMQ.Client;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// Commands and queries: <c>concurrency</c> callers each wait for their reply before sending again; a responder in
/// the same process answers. Latency is the caller's whole round trip through the broker and the responder.
/// </summary>
internal abstract class RoundTripScenario(string pattern, ScenarioPath path, int concurrency)
    : BrokerScenario(pattern, path, concurrency)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan ReadinessLimit = TimeSpan.FromSeconds(30);

    /// <summary>One caller's round trip (each worker gets its own, so hand-written code may reuse buffers).</summary>
    protected abstract Func<BenchmarkPayload, ValueTask> CreateCaller();

    public override Task RunAsync(ScenarioCounters counters, CancellationToken stop)
    {
        var workers = new Task[Concurrency];
        var sequence = 0;
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                var call = CreateCaller();
                while (!stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    counters.AddSent();
                    try
                    {
                        await call(BenchmarkPayload.Create(started, Interlocked.Increment(ref sequence))).ConfigureAwait(false);
                        counters.Latency.RecordSince(started);
                        counters.AddDelivered();
                    }
                    catch (Exception e)
                    {
                        counters.AddError(e);
                    }
                }
            }, CancellationToken.None);
        }
        return Task.WhenAll(workers);
    }

    /// <summary>
    /// Sends a request with a wire name no responder knows until one answers (with an error reply, so no handler runs);
    /// until the subscription is registered the broker holds each probe for its whole timeout.
    /// </summary>
    protected override async Task WaitUntilReceivingAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ReadinessLimit);
        while (true)
        {
            try
            {
                await ProbeAsync(limit.Token).ConfigureAwait(false);
                return;
            }
            catch (KubeMQTimeoutException) when (!limit.IsCancellationRequested)
            {
            }
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var body = "null"u8.ToArray();
        if (Pattern.StartsWith("query", StringComparison.Ordinal))
            await Client.SendQueryAsync(new QueryRequest { Channel = Channel, Metadata = "__probe", Body = body, Timeout = ProbeTimeout }, cancellationToken).ConfigureAwait(false);
        else
            await Client.SendCommandAsync(new CommandRequest { Channel = Channel, Metadata = "__probe", Body = body, Timeout = ProbeTimeout }, cancellationToken).ConfigureAwait(false);
    }

    protected abstract string Channel { get; }
}

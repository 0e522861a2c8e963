using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using KubeMQ.Benchmarks.Throughput;
using KubeMQ.Grpc;

namespace KubeMQ.Benchmarks.Ceiling;

/// <summary>
/// One bidi stream against the no-op service: 1 KB messages out, an acknowledgement back for each, with a bounded
/// window of messages in flight (as the broker's stream scenarios have).
/// </summary>
internal sealed class CeilingStreamScenario(Uri address, int bodySize, int window = 1000) : ThroughputScenario
{
    private GrpcChannel? _channel;

    public override string Pattern => "bidi stream";

    public override string Path => "ceiling";

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        _channel ??= BenchmarkChannels.Create(address);
        return Task.CompletedTask;
    }

    public override async Task RunAsync(ScenarioCounters counters, CancellationToken stop)
    {
        var client = new kubemq.kubemqClient(_channel!);
        using var call = client.SendEventsStream();
        var inFlight = new SemaphoreSlim(window);
        var started = new ConcurrentQueue<long>();
        var reader = Task.Run(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync().ConfigureAwait(false))
            {
                if (started.TryDequeue(out var at))
                    counters.Latency.RecordSince(at);
                counters.AddDelivered();
                inFlight.Release();
            }
        });
        var message = new Event { Channel = "ceiling", ClientID = "bench", Body = NoOpKubeMQService.Payload(bodySize), Store = true };
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await inFlight.WaitAsync(stop).ConfigureAwait(false);
                started.Enqueue(Stopwatch.GetTimestamp());
                await call.RequestStream.WriteAsync(message).ConfigureAwait(false);
                counters.AddSent();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        await reader.ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        return ValueTask.CompletedTask;
    }
}

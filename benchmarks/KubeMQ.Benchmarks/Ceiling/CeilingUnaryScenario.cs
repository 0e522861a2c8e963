using System.Diagnostics;
using Grpc.Net.Client;
using KubeMQ.Benchmarks.Throughput;
using KubeMQ.Grpc;

namespace KubeMQ.Benchmarks.Ceiling;

/// <summary>Unary SendRequest against the no-op service: the most a request/reply pattern could reach here.</summary>
internal sealed class CeilingUnaryScenario(Uri address, int concurrency, int bodySize) : ThroughputScenario
{
    private GrpcChannel? _channel;
    private kubemq.kubemqClient? _client;

    public override string Pattern => "unary round trip";

    public override string Path => "ceiling";

    public override int Concurrency => concurrency;

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        _channel ??= BenchmarkChannels.Create(address);
        _client ??= new kubemq.kubemqClient(_channel);
        return Task.CompletedTask;
    }

    public override Task RunAsync(ScenarioCounters counters, CancellationToken stop)
    {
        var body = NoOpKubeMQService.Payload(bodySize);
        var workers = new Task[concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                var request = new Request { RequestTypeData = Request.Types.RequestType.Query, Channel = "ceiling", ClientID = "bench", Body = body, Timeout = 10_000 };
                while (!stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    counters.AddSent();
                    try
                    {
                        await _client!.SendRequestAsync(request).ConfigureAwait(false);
                        counters.Latency.RecordSince(started);
                        counters.AddDelivered();
                    }
                    catch (Exception e)
                    {
                        counters.AddError(e);
                    }
                }
            });
        }
        return Task.WhenAll(workers);
    }

    public override ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        return ValueTask.CompletedTask;
    }
}

using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Typed;

namespace KubeMQ.Benchmarks.Patterns.Receivers;

/// <summary>The typed events-store handler: reports each stored event to the run in progress.</summary>
internal sealed class BenchmarkStoreHandler(DeliveryProbe probe) : IBenchmarkStoreHandler
{
    public Task Stored(BenchmarkPayload payload, KubeMQRequestContext context)
    {
        probe.Delivered(payload.SentAt);
        return Task.CompletedTask;
    }
}

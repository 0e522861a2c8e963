using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Typed;

namespace KubeMQ.Benchmarks.Patterns.Receivers;

/// <summary>The typed events handler: reports each event to the run in progress.</summary>
internal sealed class BenchmarkEventsHandler(DeliveryProbe probe) : IBenchmarkEventsHandler
{
    public Task Published(BenchmarkPayload payload, KubeMQRequestContext context)
    {
        probe.Delivered(payload.SentAt);
        return Task.CompletedTask;
    }
}

using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Typed;

namespace KubeMQ.Benchmarks.Patterns.Receivers;

/// <summary>The typed queue handler: reports each message (the binding acks the batch after the handler returns).</summary>
internal sealed class BenchmarkJobsHandler(DeliveryProbe probe) : IBenchmarkJobsHandler
{
    public Task Enqueue(BenchmarkPayload payload, KubeMQRequestContext context)
    {
        probe.Delivered(payload.SentAt);
        return Task.CompletedTask;
    }
}

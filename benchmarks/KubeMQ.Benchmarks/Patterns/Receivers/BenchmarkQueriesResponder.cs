using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Typed;

namespace KubeMQ.Benchmarks.Patterns.Receivers;

/// <summary>The typed query responder: echoes the payload, like the hand-written one.</summary>
internal sealed class BenchmarkQueriesResponder : IBenchmarkQueriesResponder
{
    public Task<BenchmarkPayload> Echo(BenchmarkPayload payload, KubeMQRequestContext context) => Task.FromResult(payload);
}

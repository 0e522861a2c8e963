using KubeMQ.Benchmarks.Contracts;
using KubeMQ.Typed;

namespace KubeMQ.Benchmarks.Patterns.Receivers;

/// <summary>The typed command responder: executes by doing nothing, like the hand-written one.</summary>
internal sealed class BenchmarkCommandsResponder : IBenchmarkCommandsResponder
{
    public Task Apply(BenchmarkPayload payload, KubeMQRequestContext context) => Task.CompletedTask;
}

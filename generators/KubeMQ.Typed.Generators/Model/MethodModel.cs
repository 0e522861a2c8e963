namespace KubeMQ.Typed.Generators.Model
{
    /// <param name="DeclaringInterface">The interface that declares the method (a base contract for inherited ones).</param>
    /// <param name="ReturnsValueTask">ValueTask/ValueTask&lt;T&gt; rather than Task/Task&lt;T&gt;.</param>
    /// <param name="Result">The T of Task&lt;T&gt;/ValueTask&lt;T&gt;; null for no result.</param>
    /// <param name="CancellationTokenName">The trailing CancellationToken parameter's identifier, if declared.</param>
    /// <param name="TimeoutMilliseconds">0 means the client's default.</param>
    internal sealed record MethodModel(
        string Name,
        string WireName,
        string DeclaringInterface,
        bool ReturnsValueTask,
        TypeRef? Result,
        ImmutableEquatableArray<ParameterModel> Parameters,
        string? CancellationTokenName,
        int TimeoutMilliseconds,
        CacheModel? Cache,
        QueuePolicyModel? QueuePolicy);
}

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// How a scenario sends. Typed proxies send every message with a unary call, so their rows pair with
/// <see cref="CoreUnary"/> (the same transport: the ratio is the cost of the typed layer alone); <see cref="CoreStream"/>
/// is the fastest core API of a pattern that has a stream.
/// </summary>
internal enum ScenarioPath
{
    CoreStream,
    CoreUnary,
    Typed,
}

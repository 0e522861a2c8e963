using KubeMQ.Benchmarks.Patterns;

namespace KubeMQ.Benchmarks.Throughput;

/// <summary>
/// The broker-backed scenarios: every pattern through the core client and through typed proxies. Typed rows share a
/// pattern name with the core row that makes the same calls (unary sends), so typed/core is the typed layer's cost;
/// the "stream" rows are the core client's streaming APIs, which typed proxies do not use.
/// </summary>
internal static class PatternScenarios
{
    /// <summary>Senders per one-way scenario: enough to keep the broker busy through unary calls.</summary>
    private const int Senders = 64;

    /// <summary>Events in flight: below the broker's per-subscriber buffer (100), so nothing is ever dropped.</summary>
    private const int EventsWindow = 64;

    /// <summary>Stored events and queue messages in flight (persistent, so only memory and latency bound it).</summary>
    private const int PersistentWindow = 1000;

    public static bool IsRoundTrip(string pattern) => pattern.StartsWith("command", StringComparison.Ordinal) || pattern.StartsWith("query", StringComparison.Ordinal);

    public static IEnumerable<ThroughputScenario> Create(ThroughputOptions options) =>
        All().Where(s => options.Only is null || s.Pattern.Contains(options.Only, StringComparison.Ordinal));

    private static IEnumerable<ThroughputScenario> All()
    {
        yield return new EventsScenario(ScenarioPath.CoreStream, Senders, EventsWindow);
        yield return new EventsScenario(ScenarioPath.CoreUnary, Senders, EventsWindow);
        yield return new EventsScenario(ScenarioPath.Typed, Senders, EventsWindow);
        yield return new EventsStoreScenario(ScenarioPath.CoreStream, Senders, PersistentWindow);
        yield return new EventsStoreScenario(ScenarioPath.CoreUnary, Senders, PersistentWindow);
        yield return new EventsStoreScenario(ScenarioPath.Typed, Senders, PersistentWindow);
        foreach (var concurrency in new[] { 1, 64 })
        {
            yield return new CommandScenario(ScenarioPath.CoreUnary, concurrency);
            yield return new CommandScenario(ScenarioPath.Typed, concurrency);
        }
        foreach (var concurrency in new[] { 1, 64 })
        {
            yield return new QueryScenario(ScenarioPath.CoreUnary, concurrency);
            yield return new QueryScenario(ScenarioPath.Typed, concurrency);
        }
        yield return new QueueScenario(ScenarioPath.CoreStream, Senders, PersistentWindow);
        yield return new QueueScenario(ScenarioPath.CoreUnary, Senders, PersistentWindow);
        yield return new QueueScenario(ScenarioPath.Typed, Senders, PersistentWindow);
    }
}

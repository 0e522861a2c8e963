namespace KubeMQ.Benchmarks.Throughput;

/// <summary>The broker-backed scenarios: every pattern through the core client and through typed proxies.</summary>
internal static class PatternScenarios
{
    public static bool IsRoundTrip(string pattern) => pattern.StartsWith("command", StringComparison.Ordinal) || pattern.StartsWith("query", StringComparison.Ordinal);

#pragma warning disable CS1998 // Filled in as the client and typed layers land.
    public static async IAsyncEnumerable<ThroughputScenario> CreateAsync(ThroughputOptions options)
    {
        _ = options;
        yield break;
    }
#pragma warning restore CS1998
}

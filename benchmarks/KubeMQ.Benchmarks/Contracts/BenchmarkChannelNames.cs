namespace KubeMQ.Benchmarks.Contracts;

/// <summary>The channels of the benchmark contracts; core scenarios use the same ones so both paths do the same broker work.</summary>
public static class BenchmarkChannelNames
{
    public const string Events = "bench.events";
    public const string Store = "bench.store";
    public const string Commands = "bench.commands";
    public const string Queries = "bench.queries";
    public const string Jobs = "bench.jobs";
}

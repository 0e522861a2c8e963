namespace KubeMQ.Benchmarks.Throughput;

/// <summary>What a scenario's workers report while they run; read by the runner after the measured window.</summary>
internal sealed class ScenarioCounters
{
    private long _sent;
    private long _delivered;
    private long _errors;

    public LatencyHistogram Latency { get; } = new();

    public string? FirstError { get; private set; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Errors => Interlocked.Read(ref _errors);

    public void AddSent(long count = 1) => Interlocked.Add(ref _sent, count);

    public void AddDelivered(long count = 1) => Interlocked.Add(ref _delivered, count);

    public void AddError(Exception error)
    {
        if (Interlocked.Increment(ref _errors) == 1)
            FirstError = $"{error.GetType().Name}: {error.Message}";
    }
}

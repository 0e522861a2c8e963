using KubeMQ.Benchmarks.Throughput;

namespace KubeMQ.Benchmarks.Patterns;

/// <summary>
/// Bounds the messages sent but not yet received in one run of a one-way scenario. Events are at most once and a
/// broker subscriber buffers only so many, so a publisher allowed to run ahead would measure drops, not throughput.
/// </summary>
internal sealed class DeliveryWindow(ScenarioCounters counters, int size)
{
    private readonly SemaphoreSlim _slots = new(size);

    public ScenarioCounters Counters => counters;

    public Task EnterAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>A receiver got the message sent at <paramref name="sentAt"/> (a Stopwatch timestamp).</summary>
    public void Delivered(long sentAt)
    {
        counters.Latency.RecordSince(sentAt);
        counters.AddDelivered();
        _slots.Release();
    }
}

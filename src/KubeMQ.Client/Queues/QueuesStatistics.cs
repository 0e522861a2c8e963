namespace KubeMQ.Client;

/// <summary>Totals over the broker's queues and the counters of each (QueuesInfo).</summary>
public sealed class QueuesStatistics
{
    public int TotalQueues { get; init; }

    public long Sent { get; init; }

    public long Delivered { get; init; }

    public long Waiting { get; init; }

    public IReadOnlyList<QueueStatistics> Queues { get; init; } = [];
}

namespace KubeMQ.Client;

/// <summary>Counters of one queue as the broker reports them (QueuesInfo).</summary>
public sealed class QueueStatistics
{
    public required string Name { get; init; }

    /// <summary>Messages stored in the queue now.</summary>
    public long Messages { get; init; }

    public long Bytes { get; init; }

    public long FirstSequence { get; init; }

    public long LastSequence { get; init; }

    public long Sent { get; init; }

    public long Delivered { get; init; }

    public long Waiting { get; init; }

    public long Subscribers { get; init; }
}

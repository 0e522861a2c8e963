namespace KubeMQ.Client;

/// <summary>A message taken from (or peeked in) a queue, with the attributes the broker keeps for it.</summary>
public sealed class QueueMessageReceived
{
    public required string Id { get; init; }

    public required string Channel { get; init; }

    public string Metadata { get; init; } = "";

    public ReadOnlyMemory<byte> Body { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags.Instance;

    /// <summary>Position in the queue (from 1). A nacked or requeued message comes back with a new, higher one.</summary>
    public ulong Sequence { get; init; }

    /// <summary>How many times it has been delivered, this delivery included.</summary>
    public int ReceiveCount { get; init; }

    /// <summary>When it entered the queue.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>True when the broker moved it here as a dead letter.</summary>
    public bool ReRouted { get; init; }

    /// <summary>The queue it was dead-lettered from.</summary>
    public string? ReRoutedFromQueue { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? DelayedTo { get; init; }
}

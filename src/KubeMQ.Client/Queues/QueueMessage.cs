namespace KubeMQ.Client;

/// <summary>A message to send to a queue.</summary>
public sealed class QueueMessage
{
    /// <summary>The queue; no wildcards.</summary>
    public required string Channel { get; init; }

    /// <summary>The payload, sent without a copy: do not change the buffer until the send completes.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    public string? Metadata { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Message id; the broker generates one when empty.</summary>
    public string? Id { get; init; }

    /// <summary>Delay, expiration and dead-lettering; null for none.</summary>
    public QueueDeliveryPolicy? Policy { get; init; }
}

namespace KubeMQ.Client;

/// <summary>Messages received (or peeked) with the simple queue API.</summary>
public sealed class QueueReceiveResult
{
    public required IReadOnlyList<QueueMessageReceived> Messages { get; init; }

    /// <summary>Messages that had expired and were dropped instead of delivered.</summary>
    public int Expired { get; init; }
}

namespace KubeMQ.Client;

/// <summary>The broker's answer for one sent queue message; a rejected message has <see cref="IsError"/> set.</summary>
public sealed class QueueSendResult
{
    public required string Id { get; init; }

    public DateTimeOffset SentAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? DelayedTo { get; init; }

    public bool IsError { get; init; }

    public string? Error { get; init; }
}

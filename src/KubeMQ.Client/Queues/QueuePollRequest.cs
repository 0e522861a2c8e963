namespace KubeMQ.Client;

/// <summary>A transactional poll (QueuesDownstream Get).</summary>
public sealed class QueuePollRequest
{
    /// <summary>The broker's own minimum wait.</summary>
    public static readonly TimeSpan MinWaitTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait this client asks for.</summary>
    public static readonly TimeSpan MaxWaitTimeout = TimeSpan.FromHours(1);

    public const int MaxItemsLimit = 1024;

    public required string Channel { get; init; }

    /// <summary>Most messages to take (1..1024). The poll returns as soon as this many are taken.</summary>
    public int MaxItems { get; init; } = 1;

    /// <summary>How long to wait for <see cref="MaxItems"/> messages (1 s .. 1 h); then whatever arrived is returned.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Acknowledge the messages at once: the result has no open transaction to settle.</summary>
    public bool AutoAck { get; init; }
}

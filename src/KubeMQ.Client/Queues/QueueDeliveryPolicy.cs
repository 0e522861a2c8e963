namespace KubeMQ.Client;

/// <summary>
/// How a queue message is delivered. Times go on the wire as whole seconds (rounded up) and are limited as KubeMQ
/// limits them (protocol notes section 5.4): delay and expiration 0..43200 s, max receive count 0..1024.
/// </summary>
public sealed class QueueDeliveryPolicy
{
    public const int MaxDelaySeconds = 43_200;
    public const int MaxExpirationSeconds = 43_200;
    public const int MaxReceiveCountLimit = 1024;

    /// <summary>The message becomes visible only after this delay.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The message is dropped if not received within this time (counted after the delay).</summary>
    public TimeSpan? Expiration { get; init; }

    /// <summary>
    /// Deliveries allowed before the message is moved to <see cref="DeadLetterQueue"/> (or discarded without one).
    /// Null or 0 means the broker's maximum (1024).
    /// </summary>
    public int? MaxReceiveCount { get; init; }

    /// <summary>Queue that receives the message once <see cref="MaxReceiveCount"/> deliveries are used up.</summary>
    public string? DeadLetterQueue { get; init; }
}

namespace KubeMQ.Client;

/// <summary>What the broker says about itself in reply to a ping.</summary>
public sealed class ServerInfo
{
    public required string Host { get; init; }

    public required string Version { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public TimeSpan UpTime { get; init; }

    /// <summary>
    /// True when the server confirms each subscription as soon as it is registered (the embedded broker does; KubeMQ
    /// servers do not), so <see cref="KubeMQSubscription.WhenActiveAsync"/> can be awaited before the first message.
    /// </summary>
    public bool ConfirmsSubscriptions { get; init; }
}

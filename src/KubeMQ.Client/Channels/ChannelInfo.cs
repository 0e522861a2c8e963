namespace KubeMQ.Client;

/// <summary>One channel as listed by the broker.</summary>
public sealed class ChannelInfo
{
    public required string Name { get; init; }

    public ChannelType Type { get; init; }

    /// <summary>Last time the channel was used (the broker reports Unix milliseconds).</summary>
    public DateTimeOffset LastActivity { get; init; }

    public bool IsActive { get; init; }

    public ChannelStats Incoming { get; init; } = new();

    public ChannelStats Outgoing { get; init; } = new();
}

namespace KubeMQ.Client;

/// <summary>What the broker says about itself in reply to a ping.</summary>
public sealed class ServerInfo
{
    public required string Host { get; init; }

    public required string Version { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public TimeSpan UpTime { get; init; }
}

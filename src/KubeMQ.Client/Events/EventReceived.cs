namespace KubeMQ.Client;

/// <summary>An event delivered to a subscription (plain or events store).</summary>
public sealed class EventReceived
{
    public required string Id { get; init; }

    /// <summary>The channel it was published to (concrete even when the subscription used wildcards).</summary>
    public required string Channel { get; init; }

    public string Metadata { get; init; } = "";

    public ReadOnlyMemory<byte> Body { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags.Instance;

    /// <summary>The events-store sequence (from 1); 0 for plain events.</summary>
    public ulong Sequence { get; init; }

    /// <summary>When the events store received it; the Unix epoch for plain events, which carry no time.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

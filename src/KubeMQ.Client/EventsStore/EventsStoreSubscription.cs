namespace KubeMQ.Client;

/// <summary>A subscription to an events-store channel (no wildcards) from a chosen start position.</summary>
public sealed class EventsStoreSubscription
{
    public required string Channel { get; init; }

    /// <summary>Consumer group: each event goes to one member of the group.</summary>
    public string? Group { get; init; }

    public required EventsStoreStartPosition StartPosition { get; init; }
}

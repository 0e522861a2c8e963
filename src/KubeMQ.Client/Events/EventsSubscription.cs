namespace KubeMQ.Client;

/// <summary>A subscription to plain events. <see cref="Channel"/> may use wildcards: <c>*</c> (one token) and <c>&gt;</c> (the rest).</summary>
public sealed class EventsSubscription
{
    public required string Channel { get; init; }

    /// <summary>Consumer group: each event goes to one member of the group. Null or empty: every subscriber gets every event.</summary>
    public string? Group { get; init; }
}

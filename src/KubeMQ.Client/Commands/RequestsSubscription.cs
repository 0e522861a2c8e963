namespace KubeMQ.Client;

/// <summary>A responder's subscription to a commands or queries channel (no wildcards).</summary>
public sealed class RequestsSubscription
{
    public required string Channel { get; init; }

    /// <summary>Consumer group: each request goes to one member of the group.</summary>
    public string? Group { get; init; }

    /// <summary>How many requests the handler may process at once (1 = strictly one after another).</summary>
    public int MaxConcurrentHandlers { get; init; } = 16;
}

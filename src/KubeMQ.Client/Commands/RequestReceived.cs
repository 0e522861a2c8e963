namespace KubeMQ.Client;

/// <summary>A command or query delivered to a responder.</summary>
public sealed class RequestReceived
{
    public required string Id { get; init; }

    public RequestKind Kind { get; init; }

    public required string Channel { get; init; }

    /// <summary>Client id of the sender.</summary>
    public string ClientId { get; init; } = "";

    public string Metadata { get; init; } = "";

    public ReadOnlyMemory<byte> Body { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags.Instance;

    /// <summary>How long the sender waits; the handler's cancellation token fires when it has passed.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>The query's cache key, if any.</summary>
    public string? CacheKey { get; init; }

    /// <summary>Where the broker expects the response; used by the client when it replies.</summary>
    public string ReplyChannel { get; init; } = "";
}

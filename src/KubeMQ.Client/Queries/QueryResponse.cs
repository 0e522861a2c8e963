namespace KubeMQ.Client;

/// <summary>The responder's (or the broker cache's) answer to a query.</summary>
public sealed class QueryResponse
{
    public required string RequestId { get; init; }

    public bool Executed { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags.Instance;

    public ReadOnlyMemory<byte> Body { get; init; }

    public string? Metadata { get; init; }

    /// <summary>True when the broker answered from its cache without reaching a responder.</summary>
    public bool CacheHit { get; init; }
}

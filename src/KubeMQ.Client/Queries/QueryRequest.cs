namespace KubeMQ.Client;

/// <summary>A query: the responder returns a body; with a cache key the broker may answer from its cache.</summary>
public sealed class QueryRequest
{
    public required string Channel { get; init; }

    /// <summary>The payload, sent without a copy: do not change the buffer until the send completes.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    public string? Metadata { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Request id; the broker generates one when empty.</summary>
    public string? Id { get; init; }

    /// <summary>How long to wait for a responder (&gt; 0); null uses <see cref="KubeMQClientOptions.DefaultRequestTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Key under which the broker caches the response; requires <see cref="CacheTtl"/>.</summary>
    public string? CacheKey { get; init; }

    /// <summary>How long the cached response lives (whole seconds, rounded up; &gt; 0).</summary>
    public TimeSpan? CacheTtl { get; init; }
}

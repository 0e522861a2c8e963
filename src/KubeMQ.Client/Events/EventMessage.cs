namespace KubeMQ.Client;

/// <summary>An event to publish, to plain events (<c>SendEventAsync</c>) or the events store (<c>SendEventStoreAsync</c>).</summary>
public sealed class EventMessage
{
    /// <summary>Destination channel; no wildcards.</summary>
    public required string Channel { get; init; }

    /// <summary>The payload. It is sent without a copy, so do not change the buffer until the send completes.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    public string? Metadata { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Event id; the broker generates one when empty.</summary>
    public string? Id { get; init; }
}

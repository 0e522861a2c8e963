namespace KubeMQ.Typed;

/// <summary>
/// What a responder or handler knows about the message it is processing, beyond the typed arguments.
/// </summary>
public sealed class KubeMQRequestContext
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>(0);

    /// <summary>The channel (or queue) the message arrived on.</summary>
    public required string Channel { get; init; }

    /// <summary>The method wire name from the message's <c>Metadata</c>.</summary>
    public required string Method { get; init; }

    public KubeMQPattern Pattern { get; init; }

    /// <summary>The request id, event id or queue message id.</summary>
    public string Id { get; init; } = "";

    public IReadOnlyDictionary<string, string> Tags { get; init; } = NoTags;

    /// <summary>
    /// Cancelled when the host stops the binding and, for commands and queries, when the caller's timeout elapses
    /// (the caller stops waiting then, so further work is wasted).
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Commands and queries: when the caller stops waiting.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Events store: the per-channel sequence (from 1). Queues: the per-queue sequence. Otherwise 0.</summary>
    public ulong Sequence { get; init; }

    /// <summary>Events store and queues: when the broker stored the message, if it says.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Queues: how many times this message has been delivered, this delivery included (first = 1). Otherwise 0.</summary>
    public int ReceiveCount { get; init; }
}

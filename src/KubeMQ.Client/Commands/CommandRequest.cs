namespace KubeMQ.Client;

/// <summary>A command: the sender learns only whether a responder executed it (and its error if not).</summary>
public sealed class CommandRequest
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
}

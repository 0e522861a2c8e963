namespace KubeMQ.Client;

/// <summary>The responder's answer to a command.</summary>
public sealed class CommandResponse
{
    public required string RequestId { get; init; }

    /// <summary>True when the responder executed the command; otherwise <see cref="Error"/> says why not.</summary>
    public bool Executed { get; init; }

    public string? Error { get; init; }

    /// <summary>When the responder answered.</summary>
    public DateTimeOffset Timestamp { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags.Instance;

    public ReadOnlyMemory<byte> Body { get; init; }

    public string? Metadata { get; init; }
}

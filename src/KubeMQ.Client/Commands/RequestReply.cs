namespace KubeMQ.Client;

/// <summary>What a command/query handler returns; the client sends it back to the requester.</summary>
public sealed class RequestReply
{
    /// <summary>Executed (the default) or not; when false, <see cref="Error"/> says why.</summary>
    public bool Executed { get; init; } = true;

    public string? Error { get; init; }

    /// <summary>Reply payload (queries; commands carry it too on this broker).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    public string? Metadata { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>An executed reply without a body.</summary>
    public static RequestReply Success { get; } = new();

    /// <summary>A "not executed" reply carrying <paramref name="error"/>.</summary>
    public static RequestReply Failed(string error) => new() { Executed = false, Error = error };
}

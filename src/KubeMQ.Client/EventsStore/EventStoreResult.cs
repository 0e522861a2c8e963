namespace KubeMQ.Client;

/// <summary>The broker's answer to an events-store send: stored, or not with the reason.</summary>
public sealed class EventStoreResult
{
    public required string Id { get; init; }

    public bool Sent { get; init; }

    public string? Error { get; init; }
}

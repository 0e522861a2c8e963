using KubeMQ.Client;

namespace KubeMQ.Typed;

/// <summary>How an events-store handler subscribes and where it starts reading.</summary>
public sealed class KubeMQEventsStoreHandlerOptions
{
    /// <summary>Consumer group (durable); starts as the contract's <see cref="KubeMQChannelAttribute.Group"/>.</summary>
    public string? Group { get; set; }

    /// <summary>
    /// Where the first subscription starts: new only, first, last, a sequence, a time or a time delta. After a
    /// reconnect the client resumes after the last sequence seen, not from here.
    /// </summary>
    public EventsStoreStartPosition StartPosition { get; set; } = EventsStoreStartPosition.NewOnly;
}

namespace KubeMQ.Typed;

/// <summary>How an events handler subscribes.</summary>
public sealed class KubeMQEventsHandlerOptions
{
    /// <summary>
    /// Consumer group: within a group one member receives each event; handlers without a group each receive every
    /// event. Starts as the contract's <see cref="KubeMQChannelAttribute.Group"/>.
    /// </summary>
    public string? Group { get; set; }
}

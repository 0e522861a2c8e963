namespace KubeMQ.Typed;

/// <summary>How an events handler subscribes.</summary>
public sealed class KubeMQEventsHandlerOptions
{
    /// <summary>
    /// Consumer group: within a group one member receives each event; handlers without a group each receive every
    /// event. Starts as the contract's <see cref="KubeMQChannelAttribute.Group"/>.
    /// </summary>
    public string? Group { get; set; }

    /// <summary>
    /// The channel to subscribe to instead of the contract's, typically with NATS-style wildcards: <c>orders.*</c>
    /// matches one more token, <c>orders.&gt;</c> one or more. Each event's context carries the concrete channel it was
    /// published on. Null means the contract's channel.
    /// </summary>
    public string? Channel
    {
        get => _channel;
        set
        {
            if (value is not null)
                KubeMQSubscriptionChannel.Validate(value, nameof(Channel));
            _channel = value;
        }
    }

    private string? _channel;
}

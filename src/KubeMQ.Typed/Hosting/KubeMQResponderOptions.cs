namespace KubeMQ.Typed;

/// <summary>How a command or query responder subscribes.</summary>
public sealed class KubeMQResponderOptions
{
    /// <summary>
    /// Consumer group: within a group one member answers each request. Starts as the contract's
    /// <see cref="KubeMQChannelAttribute.Group"/>.
    /// </summary>
    public string? Group { get; set; }
}

namespace KubeMQ.Typed;

/// <summary>
/// Marks an interface as a KubeMQ contract: the source generator writes a sender proxy, a responder or handler
/// interface, a binding and DI registrations for it. See docs/typed-contracts.md.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class KubeMQChannelAttribute : Attribute
{
    public KubeMQChannelAttribute(string channel)
    {
        Channel = channel;
    }

    /// <summary>The KubeMQ channel (queue name for <see cref="KubeMQPattern.Queue"/>).</summary>
    public string Channel { get; }

    /// <summary>The pattern; <see cref="KubeMQPattern.Inferred"/> lets the generator infer commands or queries.</summary>
    public KubeMQPattern Pattern { get; set; }

    /// <summary>Commands and queries: the request timeout in milliseconds; 0 uses the client's default.</summary>
    public int Timeout { get; set; }

    /// <summary>Queries: how long the broker caches a reply, in seconds; 0 disables the cache.</summary>
    public int CacheTtl { get; set; }

    /// <summary>The default consumer group of responders and handlers (a registration may override it).</summary>
    public string? Group { get; set; }

    /// <summary>Queues: deliveries before a message is dead-lettered; 0 uses the broker's maximum.</summary>
    public int MaxReceiveCount { get; set; }

    /// <summary>Queues: where a message goes after <see cref="MaxReceiveCount"/> deliveries.</summary>
    public string? DeadLetterQueue { get; set; }

    /// <summary>Queues: seconds before a sent message becomes visible.</summary>
    public int DelaySeconds { get; set; }

    /// <summary>Queues: seconds after which an unconsumed message expires; 0 means never.</summary>
    public int ExpirationSeconds { get; set; }

    /// <summary>
    /// The <c>System.Text.Json.Serialization.JsonSerializerContext</c> that serializes this contract's parameters and
    /// results; without it the assembly's <see cref="KubeMQJsonContextAttribute"/> applies.
    /// </summary>
    public Type? JsonContext { get; set; }
}

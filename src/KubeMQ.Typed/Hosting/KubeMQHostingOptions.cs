namespace KubeMQ.Typed;

/// <summary>How the typed bindings start with the host.</summary>
public sealed class KubeMQHostingOptions
{
    /// <summary>
    /// How long host start-up waits for the broker to confirm that every responder and handler is subscribed (only
    /// on servers that confirm subscriptions, such as the embedded broker). Zero starts without waiting. Past the
    /// bound the host starts anyway and the subscriptions keep retrying; a warning names them.
    /// </summary>
    public TimeSpan SubscriptionConfirmationTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

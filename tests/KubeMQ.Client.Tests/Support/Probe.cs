namespace KubeMQ.Client.Tests;

/// <summary>
/// Plain events are at-most-once and a subscription gives no signal when the broker has registered it, so tests
/// publish probe events (metadata "probe") until the subscriber has seen one; real assertions ignore the probes.
/// </summary>
internal static class Probe
{
    public const string Metadata = "probe";

    public static Task UntilReceivedAsync(KubeMQClient publisher, string channel, Func<bool> received, string what) =>
        Eventually.RetryUntilAsync(
            () => publisher.SendEventAsync(new EventMessage { Channel = channel, Metadata = Metadata }),
            received, what);

    public static bool IsProbe(EventReceived e) => e.Metadata == Metadata;
}

using KubeMQ.Broker;
using Microsoft.Extensions.Logging;

namespace KubeMQ.Client.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Handler_failures_reconnects_and_state_changes_are_logged_without_message_bodies()
    {
        const string SecretBody = "card-number-4111111111111111";
        var logs = new CapturingLoggerFactory();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker, o => o.LoggerFactory = logs);
        var channel = TestClient.Channel("logged");
        var received = new Collector<EventReceived>();
        await using var subscription = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromFirst }, async (e, ct) =>
        {
            await received.Add(e, ct);
            if (TestClient.Text(e.Body) == SecretBody)
                throw new InvalidOperationException("handler broke");
        });

        await client.SendEventStoreAsync(new EventMessage { Channel = channel, Body = TestClient.Utf8(SecretBody) });
        await received.WaitForCountAsync(1, "the event");
        Assert.True(broker.AbortOpenStreams() > 0);
        await client.SendEventStoreAsync(new EventMessage { Channel = channel, Metadata = "after" });
        await received.WaitForCountAsync(2, "the event after the blip");

        await Eventually.TrueAsync(() => logs.Entries.Any(e => e.Event == "HandlerFailed"), "the handler failure is logged");
        Assert.Contains(logs.Entries, e => e.Event == "SubscriptionReconnecting" && e.Level == LogLevel.Warning && e.Message.Contains(channel, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Event == "SubscriptionRestored");
        Assert.Contains(logs.Entries, e => e.Event == "ConnectionStateChanged");
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(SecretBody, StringComparison.Ordinal));
    }
}

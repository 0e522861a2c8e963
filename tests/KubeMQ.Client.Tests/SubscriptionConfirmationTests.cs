using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

/// <summary>
/// Against a server that confirms registrations (the embedded broker says so on Ping), WhenActiveAsync completes
/// before any message, and a message sent after it reaches the subscriber without probing.
/// </summary>
public sealed class SubscriptionConfirmationTests
{
    [Fact]
    public async Task Ping_tells_that_the_embedded_broker_confirms_subscriptions()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var info = await client.PingAsync();

        Assert.True(info.ConfirmsSubscriptions);
    }

    [Fact]
    public async Task An_event_sent_once_the_subscription_is_active_is_received_without_probing()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("confirm");
        var received = new Collector<EventReceived>();
        await using var subscription = client.SubscribeToEvents(new EventsSubscription { Channel = channel }, received.Add);

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await subscription.WhenActiveAsync(limit.Token);
        Assert.Equal(0, received.Count);
        await client.SendEventAsync(new EventMessage { Channel = channel, Body = TestClient.Utf8("only one") });

        await Eventually.TrueAsync(() => received.Count == 1, "the single event arrives");
        Assert.Equal("only one", TestClient.Text(received.Items.Single().Body));
    }

    [Fact]
    public async Task A_query_sent_once_the_responder_is_active_is_answered()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("confirm");
        await using var subscription = client.SubscribeToQueries(new RequestsSubscription { Channel = channel },
            (request, _) => ValueTask.FromResult(new RequestReply { Body = request.Body }));

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await subscription.WhenActiveAsync(limit.Token);
        var response = await client.SendQueryAsync(new QueryRequest { Channel = channel, Body = TestClient.Utf8("echo"), Timeout = TimeSpan.FromSeconds(30) });

        Assert.True(response.Executed);
        Assert.Equal("echo", TestClient.Text(response.Body));
    }
}

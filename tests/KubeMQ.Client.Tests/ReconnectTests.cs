using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class ReconnectTests
{
    private static async Task PublishStoreAsync(KubeMQClient client, string channel, IEnumerable<int> numbers)
    {
        foreach (var n in numbers)
            Assert.True((await client.SendEventStoreAsync(new EventMessage { Channel = channel, Body = TestClient.Utf8(n.ToString()) })).Sent);
    }

    [Fact]
    public async Task After_a_network_blip_an_events_store_subscription_resumes_in_order_without_gap_or_duplicate()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("blip");
        var received = new Collector<EventReceived>();
        await using var subscription = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromFirst }, received.Add);
        await PublishStoreAsync(client, channel, Enumerable.Range(1, 5));
        await received.WaitForCountAsync(5, "the events before the blip");

        Assert.True(broker.AbortOpenStreams() > 0);
        await PublishStoreAsync(client, channel, Enumerable.Range(6, 10));
        await received.WaitForCountAsync(15, "the events published during the blip");
        await PublishStoreAsync(client, channel, [16]);
        await received.WaitForCountAsync(16, "an event published after the blip");

        Assert.Equal(Enumerable.Range(1, 16).Select(n => n.ToString()), received.Items.Select(e => TestClient.Text(e.Body)));
        Assert.Equal(Enumerable.Range(1, 16).Select(n => (ulong)n), received.Items.Select(e => e.Sequence));
        Assert.True(subscription.Activations >= 2, "the subscription was re-established");
    }

    [Fact]
    public async Task After_a_network_blip_an_enumerable_events_store_subscription_resumes_too()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("blip");
        await PublishStoreAsync(client, channel, Enumerable.Range(1, 3));
        var received = new List<string>();
        using var limit = new CancellationTokenSource(Eventually.DefaultLimit);

        await foreach (var e in client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromFirst }, limit.Token))
        {
            received.Add(TestClient.Text(e.Body));
            if (received.Count == 3)
            {
                Assert.True(broker.AbortOpenStreams() > 0);
                await PublishStoreAsync(client, channel, Enumerable.Range(4, 3));
            }
            if (received.Count == 6)
                break;
        }

        Assert.Equal(["1", "2", "3", "4", "5", "6"], received);
    }

    [Fact]
    public async Task After_a_network_blip_responders_and_queue_polls_work_again()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var commands = TestClient.Channel("blip-commands");
        var queue = TestClient.Channel("blip-queue");
        await using var responder = client.SubscribeToCommands(new RequestsSubscription { Channel = commands }, (_, _) => ValueTask.FromResult(RequestReply.Success));
        await Responder.UntilCommandsAnsweredAsync(client, commands);
        await client.SendQueueMessagesAsync([new QueueMessage { Channel = queue, Metadata = "1" }, new QueueMessage { Channel = queue, Metadata = "2" }]);
        var held = await client.PollQueueAsync(new QueuePollRequest { Channel = queue, MaxItems = 1, WaitTimeout = TimeSpan.FromSeconds(10) });

        Assert.True(broker.AbortOpenStreams() > 0);

        await Responder.UntilCommandsAnsweredAsync(client, commands);
        await Eventually.TrueAsync(() => responder.Activations >= 2, "the responder re-subscribed");
        // The held message went back to the queue with its stream, so a new poll gets both.
        await using var polled = await client.PollQueueAsync(new QueuePollRequest { Channel = queue, MaxItems = 2, WaitTimeout = TimeSpan.FromSeconds(10) });
        Assert.Equal(["1", "2"], polled.Messages.Select(m => m.Metadata).Order());
        await Assert.ThrowsAsync<KubeMQConnectionException>(() => held.AckAllAsync());
    }

    [Fact]
    public async Task After_a_network_blip_stream_publishers_and_upstreams_reopen_their_stream_on_the_next_send()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("blip-publisher");
        var queue = TestClient.Channel("blip-upstream");
        await using var publisher = await client.CreateEventsStreamPublisherAsync();
        await using var upstream = await client.CreateQueueUpstreamAsync();
        Assert.True((await publisher.SendStoreAsync(new EventMessage { Channel = channel, Metadata = "before" })).Sent);
        Assert.Single(await upstream.SendAsync([new QueueMessage { Channel = queue, Metadata = "before" }]));

        Assert.True(broker.AbortOpenStreams() > 0);

        EventStoreResult? stored = null;
        IReadOnlyList<QueueSendResult>? sent = null;
        await Eventually.RetryUntilAsync(async () => stored ??= await publisher.SendStoreAsync(new EventMessage { Channel = channel, Metadata = "after" }),
            () => stored is not null, "the publisher sends again");
        await Eventually.RetryUntilAsync(async () => sent ??= await upstream.SendAsync([new QueueMessage { Channel = queue, Metadata = "after" }]),
            () => sent is not null, "the upstream sends again");

        Assert.True(stored!.Sent);
        Assert.False(Assert.Single(sent!).IsError);
        var replay = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromFirst });
        var metadata = new List<string>();
        using var limit = new CancellationTokenSource(Eventually.DefaultLimit);
        await foreach (var e in replay.WithCancellation(limit.Token))
        {
            metadata.Add(e.Metadata);
            if (e.Metadata == "after")
                break;
        }
        Assert.Equal("before", metadata[0]);
        Assert.Equal("after", metadata[^1]);
    }

    [Fact]
    public async Task While_the_broker_is_down_calls_fail_fast_and_after_a_restart_subscriptions_come_back_by_themselves()
    {
        var first = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var port = first.Address.Port;
        await using var client = TestClient.For(first);
        var events = TestClient.Channel("restart-events");
        var store = TestClient.Channel("restart-store");
        var commands = TestClient.Channel("restart-commands");
        var plain = new Collector<EventReceived>();
        var stored = new Collector<EventReceived>();
        await using var eventsSubscription = client.SubscribeToEvents(new EventsSubscription { Channel = events }, plain.Add);
        await using var storeSubscription = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = store, StartPosition = EventsStoreStartPosition.FromFirst }, stored.Add);
        await using var responder = client.SubscribeToCommands(new RequestsSubscription { Channel = commands }, (_, _) => ValueTask.FromResult(RequestReply.Success));
        await Probe.UntilReceivedAsync(client, events, () => plain.Count > 0, "the events subscription receives before the restart");
        await PublishStoreAsync(client, store, Enumerable.Range(1, 3));
        await stored.WaitForCountAsync(3, "the stored events before the restart");
        await Responder.UntilCommandsAnsweredAsync(client, commands);

        await first.StopAsync();

        await Eventually.WithinAsync(Assert.ThrowsAsync<KubeMQConnectionException>(() => client.PingAsync()), "a ping to fail while the broker is down");
        await Eventually.WithinAsync(Assert.ThrowsAsync<KubeMQConnectionException>(() => client.SendEventAsync(new EventMessage { Channel = events, Metadata = "lost" })), "a send to fail");
        await Eventually.WithinAsync(Assert.ThrowsAsync<KubeMQConnectionException>(() => client.SendQueueMessageAsync(new QueueMessage { Channel = "q", Metadata = "lost" })), "a queue send to fail");
        await Eventually.TrueAsync(() => client.State == KubeMQConnectionState.Reconnecting, "the client notices the outage");
        await Eventually.TrueAsync(() => !eventsSubscription.IsActive && !responder.IsActive, "the subscriptions notice the outage");

        await using var second = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { Port = port });

        var plainBefore = plain.Count;
        await Probe.UntilReceivedAsync(client, events, () => plain.Count > plainBefore, "the events subscription receives after the restart");
        await Responder.UntilCommandsAnsweredAsync(client, commands);
        await Eventually.RetryUntilAsync(() => PublishStoreAsync(client, store, [100]), () => stored.Items.Any(e => TestClient.Text(e.Body) == "100"),
            "the events store subscription receives after the restart");
        await Eventually.TrueAsync(() => client.State == KubeMQConnectionState.Connected, "the client is connected again");

        Assert.True(eventsSubscription.Activations >= 2);
        Assert.True(responder.Activations >= 2);
        Assert.False(eventsSubscription.Completion.IsCompleted);
        Assert.False(storeSubscription.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_subscription_gives_up_after_the_configured_attempts_with_a_connection_exception()
    {
        var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker, o => o.Reconnect = new KubeMQReconnectPolicy
        {
            InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), MaxAttempts = 3,
        });
        await broker.StopAsync();

        var subscription = client.SubscribeToEvents(new EventsSubscription { Channel = "gone" }, (_, _) => ValueTask.CompletedTask);
        var error = await Assert.ThrowsAsync<KubeMQConnectionException>(() => Eventually.WithinAsync(subscription.Completion, "the subscription to give up"));

        Assert.Contains("gave up after 3 reconnect attempts", error.Message, StringComparison.Ordinal);
    }
}

using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class EventsTests
{
    [Fact]
    public async Task Published_event_reaches_a_callback_subscriber_with_body_metadata_tags_and_id()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("events");
        var received = new Collector<EventReceived>();
        await using var subscription = client.SubscribeToEvents(new EventsSubscription { Channel = channel }, received.Add);
        await Probe.UntilReceivedAsync(client, channel, () => received.Count > 0, "the subscription receives");

        await client.SendEventAsync(new EventMessage
        {
            Channel = channel,
            Id = "event-1",
            Body = TestClient.Utf8("hello"),
            Metadata = "meta",
            Tags = new Dictionary<string, string> { ["k"] = "v" },
        });

        await Eventually.TrueAsync(() => received.Items.Any(e => e.Id == "event-1"), "the event arrives");
        var e = received.Items.Single(e => e.Id == "event-1");
        Assert.Equal(channel, e.Channel);
        Assert.Equal("hello", TestClient.Text(e.Body));
        Assert.Equal("meta", e.Metadata);
        Assert.Equal("v", e.Tags["k"]);
        Assert.Equal(0UL, e.Sequence);
    }

    [Fact]
    public async Task Enumerable_subscription_yields_events_in_publish_order_and_completes_when_cancelled()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("events");
        using var stop = new CancellationTokenSource();
        var received = new Collector<EventReceived>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in client.SubscribeToEvents(new EventsSubscription { Channel = channel }, stop.Token))
                await received.Add(e, default);
        });
        await Probe.UntilReceivedAsync(client, channel, () => received.Count > 0, "the subscription receives");

        for (var i = 0; i < 10; i++)
            await client.SendEventAsync(new EventMessage { Channel = channel, Body = TestClient.Utf8(i.ToString()) });
        await Eventually.TrueAsync(() => received.Items.Count(e => !Probe.IsProbe(e)) == 10, "ten events arrive");
        await stop.CancelAsync();
        await Eventually.WithinAsync(reading, "the enumeration to complete after cancellation");

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), received.Items.Where(e => !Probe.IsProbe(e)).Select(e => TestClient.Text(e.Body)));
    }

    [Fact]
    public async Task Wildcard_subscriptions_receive_matching_channels_only()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var root = TestClient.Channel("wild");
        var oneToken = new Collector<EventReceived>();
        var anyTail = new Collector<EventReceived>();
        await using var star = client.SubscribeToEvents(new EventsSubscription { Channel = root + ".*" }, oneToken.Add);
        await using var tail = client.SubscribeToEvents(new EventsSubscription { Channel = root + ".>" }, anyTail.Add);
        await Probe.UntilReceivedAsync(client, root + ".probe", () => oneToken.Count > 0 && anyTail.Count > 0, "both wildcard subscriptions receive");

        await client.SendEventAsync(new EventMessage { Channel = root + ".a", Metadata = "one-token" });
        await client.SendEventAsync(new EventMessage { Channel = root + ".a.b", Metadata = "two-tokens" });
        await client.SendEventAsync(new EventMessage { Channel = root + "x.a", Metadata = "other-root" });
        await anyTail.WaitForCountAsync(3, "'>' receives the one- and two-token channels");
        await client.SendEventAsync(new EventMessage { Channel = root + ".z", Metadata = "last" });
        await oneToken.WaitForCountAsync(3, "'*' receives its channels");

        Assert.Equal(["one-token", "last"], oneToken.Items.Where(e => !Probe.IsProbe(e)).Select(e => e.Metadata));
        Assert.Equal(root + ".a", oneToken.Items.First(e => e.Metadata == "one-token").Channel);
        Assert.Contains(anyTail.Items, e => e.Metadata == "two-tokens" && e.Channel == root + ".a.b");
        Assert.DoesNotContain(anyTail.Items.Concat(oneToken.Items), e => e.Metadata == "other-root");
    }

    [Fact]
    public async Task A_group_shares_each_event_between_its_members_while_an_ungrouped_subscriber_gets_all()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("groups");
        var first = new Collector<EventReceived>();
        var second = new Collector<EventReceived>();
        var everyone = new Collector<EventReceived>();
        await using var a = client.SubscribeToEvents(new EventsSubscription { Channel = channel, Group = "g" }, first.Add);
        await using var b = client.SubscribeToEvents(new EventsSubscription { Channel = channel, Group = "g" }, second.Add);
        await using var c = client.SubscribeToEvents(new EventsSubscription { Channel = channel }, everyone.Add);
        await Probe.UntilReceivedAsync(client, channel, () => first.Count > 0 && second.Count > 0 && everyone.Count > 0, "all three subscriptions receive");

        for (var i = 0; i < 20; i++)
            await client.SendEventAsync(new EventMessage { Channel = channel, Id = $"real-{i}", Metadata = "real" });
        await Eventually.TrueAsync(() => everyone.Items.Count(e => e.Metadata == "real") == 20, "the ungrouped subscriber gets all 20");
        await Eventually.TrueAsync(() => first.Items.Concat(second.Items).Count(e => e.Metadata == "real") == 20, "the group gets all 20 between its members");

        var groupIds = first.Items.Concat(second.Items).Where(e => e.Metadata == "real").Select(e => e.Id).ToList();
        Assert.Equal(20, groupIds.Distinct().Count());
        Assert.Contains(first.Items, e => e.Metadata == "real");
        Assert.Contains(second.Items, e => e.Metadata == "real");
    }

    [Fact]
    public async Task A_throwing_event_handler_does_not_stop_the_subscription()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("events");
        var received = new Collector<EventReceived>();
        await using var subscription = client.SubscribeToEvents(new EventsSubscription { Channel = channel }, async (e, ct) =>
        {
            await received.Add(e, ct);
            if (e.Metadata == "boom")
                throw new InvalidOperationException("handler failure");
        });
        await Probe.UntilReceivedAsync(client, channel, () => received.Count > 0, "the subscription receives");

        await client.SendEventAsync(new EventMessage { Channel = channel, Metadata = "boom" });
        await client.SendEventAsync(new EventMessage { Channel = channel, Metadata = "after" });

        await Eventually.TrueAsync(() => received.Items.Any(e => e.Metadata == "after"), "the event after the failure arrives");
        Assert.False(subscription.Completion.IsCompleted);
    }

    [Fact]
    public async Task Stream_publisher_delivers_events_and_reports_no_failures_for_valid_ones()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("stream");
        var received = new Collector<EventReceived>();
        await using var subscription = client.SubscribeToEvents(new EventsSubscription { Channel = channel }, received.Add);
        await Probe.UntilReceivedAsync(client, channel, () => received.Count > 0, "the subscription receives");
        await using var publisher = await client.CreateEventsStreamPublisherAsync();

        for (var i = 0; i < 50; i++)
            await publisher.SendAsync(new EventMessage { Channel = channel, Metadata = "streamed", Body = TestClient.Utf8(i.ToString()) });

        await Eventually.TrueAsync(() => received.Items.Count(e => e.Metadata == "streamed") == 50, "all 50 streamed events arrive");
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString()), received.Items.Where(e => e.Metadata == "streamed").Select(e => TestClient.Text(e.Body)));
        Assert.Equal(0, publisher.FailedCount);
    }

    [Fact]
    public async Task Stream_publisher_surfaces_a_per_event_error_reported_by_the_broker_and_keeps_streaming()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("stream");
        await using var publisher = await client.CreateEventsStreamPublisherAsync();

        // Client-side validation would refuse this channel, so the raw wire event goes around it to the broker.
        await publisher.SendWireAsync(new KubeMQ.Grpc.Event { EventID = "bad", ClientID = client.ClientId, Channel = "has space", Metadata = "m" }, default);
        var stored = await publisher.SendStoreAsync(new EventMessage { Channel = channel, Metadata = "after" });

        var failure = await Eventually.WithinAsync(publisher.Failures.ReadAsync().AsTask(), "the failure report");
        Assert.True(stored.Sent);
        Assert.Equal(1, publisher.FailedCount);
        Assert.Equal("bad", failure.Id);
        Assert.StartsWith("Error 108", failure.Error, StringComparison.Ordinal);
        Assert.False(failure.Sent);
        Assert.False(string.IsNullOrEmpty(failure.Error));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("a b", "white space")]
    [InlineData("a.", "must not end with '.'")]
    [InlineData("a.*", "wildcards")]
    [InlineData("a.>", "wildcards")]
    public async Task Sending_to_an_invalid_channel_is_refused_before_sending_with_the_rule_named(string channel, string rule)
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var error = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.SendEventAsync(new EventMessage { Channel = channel, Metadata = "m" }));

        Assert.Equal("EventMessage.Channel", error.Field);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_without_body_or_metadata_is_refused_before_sending()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var error = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.SendEventAsync(new EventMessage { Channel = "c" }));

        Assert.Equal("EventMessage", error.Field);
        Assert.Contains("body or metadata", error.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.*b")]
    [InlineData("a.>.b")]
    [InlineData("a..b")]
    public void Malformed_wildcard_subscriptions_are_refused(string channel)
    {
        var client = new KubeMQClient(new KubeMQClientOptions());
        Assert.Throws<KubeMQValidationException>(() => client.SubscribeToEvents(new EventsSubscription { Channel = channel }, (_, _) => ValueTask.CompletedTask));
    }

    [Fact]
    public async Task Disposing_the_client_completes_subscription_enumerables_and_callback_subscriptions()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var client = TestClient.For(broker);
        var channel = TestClient.Channel("dispose");
        var received = new Collector<EventReceived>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in client.SubscribeToEvents(new EventsSubscription { Channel = channel }))
                await received.Add(e, default);
        });
        var callback = client.SubscribeToEvents(new EventsSubscription { Channel = channel }, (_, _) => ValueTask.CompletedTask);
        await Probe.UntilReceivedAsync(client, channel, () => received.Count > 0, "the subscription receives");

        await client.DisposeAsync();

        await Eventually.WithinAsync(reading, "the enumeration to complete");
        await Eventually.WithinAsync(callback.Completion, "the callback subscription to complete");
        Assert.Equal(KubeMQConnectionState.Disposed, client.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.SendEventAsync(new EventMessage { Channel = channel, Metadata = "m" }));
    }
}

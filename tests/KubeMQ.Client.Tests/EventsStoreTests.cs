using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class EventsStoreTests
{
    private static async Task PublishAsync(KubeMQClient client, string channel, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            var result = await client.SendEventStoreAsync(new EventMessage { Channel = channel, Body = TestClient.Utf8(body) });
            Assert.True(result.Sent, result.Error);
        }
    }

    private static async Task<IReadOnlyList<EventReceived>> ReadAsync(KubeMQClient client, EventsStoreSubscription subscription, int count)
    {
        using var limit = new CancellationTokenSource(Eventually.DefaultLimit);
        var received = new List<EventReceived>();
        await foreach (var e in client.SubscribeToEventsStore(subscription, limit.Token))
        {
            received.Add(e);
            if (received.Count == count)
                break;
        }
        Assert.Equal(count, received.Count);
        return received;
    }

    private static IEnumerable<string> Bodies(IEnumerable<EventReceived> events) => events.Select(e => TestClient.Text(e.Body));

    [Fact]
    public async Task Send_returns_the_stored_result_with_the_event_id()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var result = await client.SendEventStoreAsync(new EventMessage { Channel = TestClient.Channel("store"), Id = "my-id", Metadata = "m" });

        Assert.True(result.Sent);
        Assert.Equal("my-id", result.Id);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task From_first_replays_every_stored_event_with_sequences_from_one_and_timestamps()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("store");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await PublishAsync(client, channel, "1", "2", "3", "4", "5");

        var events = await ReadAsync(client, new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromFirst }, 5);

        Assert.Equal(["1", "2", "3", "4", "5"], Bodies(events));
        Assert.Equal([1UL, 2, 3, 4, 5], events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.InRange(e.Timestamp, before, DateTimeOffset.UtcNow.AddSeconds(5)));
    }

    [Fact]
    public async Task From_last_starts_with_the_last_stored_event_then_continues_with_new_ones()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("store");
        await PublishAsync(client, channel, "1", "2", "3");
        var received = new Collector<EventReceived>();

        await using var subscription = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromLast }, received.Add);
        await received.WaitForCountAsync(1, "the last stored event");
        await PublishAsync(client, channel, "4");
        await received.WaitForCountAsync(2, "the new event");

        Assert.Equal(["3", "4"], Bodies(received.Items));
        Assert.Equal([3UL, 4], received.Items.Select(e => e.Sequence));
    }

    [Fact]
    public async Task New_only_skips_stored_events_and_delivers_those_published_afterwards()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("store");
        await PublishAsync(client, channel, "old-1", "old-2");
        var received = new Collector<EventReceived>();

        await using var subscription = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.NewOnly }, received.Add);
        // The subscription gives no signal once registered, so new events are published until one arrives.
        await Eventually.RetryUntilAsync(() => PublishAsync(client, channel, "new"), () => received.Count > 0, "a new event arrives");

        Assert.All(received.Items, e => Assert.Equal("new", TestClient.Text(e.Body)));
        Assert.True(received.Items[0].Sequence > 2);
    }

    [Fact]
    public async Task At_sequence_starts_at_that_sequence()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("store");
        await PublishAsync(client, channel, "1", "2", "3", "4", "5");

        var events = await ReadAsync(client, new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.AtSequence(3) }, 3);

        Assert.Equal(["3", "4", "5"], Bodies(events));
    }

    [Fact]
    public async Task At_time_starts_at_the_first_event_stored_at_or_after_that_time()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("store");
        await PublishAsync(client, channel, "1", "2", "3", "4", "5");
        var all = await ReadAsync(client, new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromFirst }, 5);
        var third = all[2].Timestamp;
        var expected = all.Where(e => e.Timestamp >= third).Select(e => TestClient.Text(e.Body)).ToList();

        var events = await ReadAsync(client, new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.AtTime(third) }, expected.Count);

        Assert.Equal(expected, Bodies(events));
        Assert.DoesNotContain("1", Bodies(events));
    }

    [Fact]
    public async Task At_time_delta_replays_events_stored_within_that_window()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("store");
        await PublishAsync(client, channel, "1", "2", "3");

        var events = await ReadAsync(client, new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.AtTimeDelta(TimeSpan.FromMinutes(10)) }, 3);

        Assert.Equal(["1", "2", "3"], Bodies(events));
    }

    [Fact]
    public async Task A_group_on_an_events_store_channel_delivers_each_event_to_one_member()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("store");
        var first = new Collector<EventReceived>();
        var second = new Collector<EventReceived>();
        await using var a = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, Group = "g", StartPosition = EventsStoreStartPosition.FromFirst }, first.Add);
        await using var b = client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = channel, Group = "g", StartPosition = EventsStoreStartPosition.FromFirst }, second.Add);

        await PublishAsync(client, channel, [.. Enumerable.Range(0, 20).Select(i => i.ToString())]);

        await Eventually.TrueAsync(() => first.Count + second.Count >= 20, "the group receives all 20");
        var all = first.Items.Concat(second.Items).Select(e => e.Sequence).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
    }

    [Fact]
    public async Task Stream_publisher_awaits_the_result_of_each_stored_event()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("store");
        await using var publisher = await client.CreateEventsStreamPublisherAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            publisher.SendStoreAsync(new EventMessage { Channel = channel, Id = $"e-{i}", Body = TestClient.Utf8(i.ToString()) })));

        Assert.All(results, r => Assert.True(r.Sent));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"e-{i}").Order(), results.Select(r => r.Id).Order());
        var stored = await ReadAsync(client, new EventsStoreSubscription { Channel = channel, StartPosition = EventsStoreStartPosition.FromFirst }, 20);
        Assert.Equal(20, stored.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Wildcards_and_missing_or_invalid_start_positions_are_refused_before_subscribing()
    {
        var client = new KubeMQClient(new KubeMQClientOptions());
        static ValueTask Ignore(EventReceived e, CancellationToken ct) => ValueTask.CompletedTask;

        var wildcard = Assert.Throws<KubeMQValidationException>(() => client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = "a.*", StartPosition = EventsStoreStartPosition.FromFirst }, Ignore));
        var missing = Assert.Throws<KubeMQValidationException>(() => client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = "a", StartPosition = default }, Ignore));
        var zero = Assert.Throws<KubeMQValidationException>(() => client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = "a", StartPosition = EventsStoreStartPosition.AtSequence(0) }, Ignore));
        var delta = Assert.Throws<KubeMQValidationException>(() => client.SubscribeToEventsStore(new EventsStoreSubscription { Channel = "a", StartPosition = EventsStoreStartPosition.AtTimeDelta(TimeSpan.Zero) }, Ignore));

        Assert.Equal("EventsStoreSubscription.Channel", wildcard.Field);
        Assert.Equal("EventsStoreSubscription.StartPosition", missing.Field);
        Assert.Contains("between 1", zero.Rule, StringComparison.Ordinal);
        Assert.Contains("greater than zero", delta.Rule, StringComparison.Ordinal);
    }
}

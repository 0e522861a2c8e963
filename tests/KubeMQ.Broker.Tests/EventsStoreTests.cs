using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using KubeMQ.Grpc;
using EventsStoreType = KubeMQ.Grpc.Subscribe.Types.EventsStoreType;

namespace KubeMQ.Broker.Tests;

public sealed class EventsStoreTests
{
    private static Event Stored(string channel, string body) => new()
    {
        ClientID = "publisher",
        Channel = channel,
        Body = ByteString.CopyFromUtf8(body),
        Store = true,
    };

    private static Subscribe StoreSubscription(string channel, EventsStoreType start, long value = 0, string group = "") => new()
    {
        SubscribeTypeData = Subscribe.Types.SubscribeType.EventsStore,
        ClientID = "reader-" + Guid.NewGuid().ToString("N"),
        Channel = channel,
        Group = group,
        EventsStoreTypeData = start,
        EventsStoreTypeValue = value,
    };

    private static async Task PublishAsync(BrokerClient kit, string channel, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            var result = await kit.Client.SendEventAsync(Stored(channel, body));
            Assert.True(result.Sent);
        }
    }

    private static async Task<AsyncServerStreamingCall<EventReceive>> SubscribeAsync(BrokerClient kit, Subscribe subscription)
    {
        var before = kit.Engines.EventsStore.SubscriberCount;
        var call = kit.Client.SubscribeToEvents(subscription);
        await Eventually.HoldsAsync(() => kit.Engines.EventsStore.SubscriberCount == before + 1, "the subscription is registered");
        return call;
    }

    private static async Task<List<string>> BodiesAsync(AsyncServerStreamingCall<EventReceive> call, int count) =>
        (await call.ResponseStream.TakeAsync(count)).Select(e => e.Body.ToStringUtf8()).ToList();

    [Fact]
    public async Task Stored_events_get_sequences_from_one_and_unix_nanosecond_timestamps()
    {
        await using var kit = await BrokerClient.StartAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        await PublishAsync(kit, "ledger", "a", "b", "c");
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000 + 1_000_000;

        using var call = await SubscribeAsync(kit, StoreSubscription("ledger", EventsStoreType.StartFromFirst));
        var received = await call.ResponseStream.TakeAsync(3);

        Assert.Equal([1UL, 2UL, 3UL], received.Select(e => e.Sequence));
        Assert.All(received, e => Assert.InRange(e.Timestamp, before, after));
        Assert.All(received, e => Assert.Equal("ledger", e.Channel));
        Assert.True(received[0].Timestamp <= received[1].Timestamp && received[1].Timestamp <= received[2].Timestamp);
    }

    [Fact]
    public async Task Sequences_are_per_channel()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "one", "a", "b");
        await PublishAsync(kit, "two", "c");

        using var call = await SubscribeAsync(kit, StoreSubscription("two", EventsStoreType.StartFromFirst));

        var received = await call.ResponseStream.NextAsync();
        Assert.Equal(1UL, received.Sequence);
        Assert.Equal("c", received.Body.ToStringUtf8());
    }

    [Fact]
    public async Task StartNewOnly_skips_what_was_stored_before_subscribing()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "old");
        using var call = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartNewOnly));

        await PublishAsync(kit, "ch", "new");

        var received = await call.ResponseStream.NextAsync();
        Assert.Equal("new", received.Body.ToStringUtf8());
        Assert.Equal(2UL, received.Sequence);
    }

    [Fact]
    public async Task StartFromFirst_replays_everything_then_follows_new_events()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "1", "2");
        using var call = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartFromFirst));

        await PublishAsync(kit, "ch", "3");

        Assert.Equal(["1", "2", "3"], await BodiesAsync(call, 3));
    }

    [Fact]
    public async Task StartFromLast_delivers_the_last_stored_event_then_new_ones()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "1", "2", "3");
        using var call = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartFromLast));

        await PublishAsync(kit, "ch", "4");

        Assert.Equal(["3", "4"], await BodiesAsync(call, 2));
    }

    [Fact]
    public async Task StartFromLast_on_an_empty_channel_delivers_the_first_event_to_come()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var call = await SubscribeAsync(kit, StoreSubscription("empty", EventsStoreType.StartFromLast));

        await PublishAsync(kit, "empty", "first");

        var received = await call.ResponseStream.NextAsync();
        Assert.Equal("first", received.Body.ToStringUtf8());
        Assert.Equal(1UL, received.Sequence);
    }

    [Fact]
    public async Task StartAtSequence_starts_at_that_sequence()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "1", "2", "3", "4");

        using var call = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtSequence, 3));

        Assert.Equal(["3", "4"], await BodiesAsync(call, 2));
    }

    [Fact]
    public async Task StartAtSequence_at_the_first_sequence_replays_everything()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "1", "2");

        using var call = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtSequence, 1));

        Assert.Equal(["1", "2"], await BodiesAsync(call, 2));
    }

    [Fact]
    public async Task StartAtSequence_above_the_last_behaves_like_new_only()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "1", "2", "3");
        using var call = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtSequence, 100));

        await PublishAsync(kit, "ch", "4");

        var received = await call.ResponseStream.NextAsync();
        Assert.Equal(4UL, received.Sequence);
    }

    [Fact]
    public async Task StartAtTime_in_nanoseconds_starts_at_the_first_event_stored_at_or_after_it()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "1", "2", "3");
        List<EventReceive> stored;
        using (var probe = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartFromFirst)))
            stored = await probe.ResponseStream.TakeAsync(3);
        await Eventually.HoldsAsync(() => kit.Engines.EventsStore.SubscriberCount == 0, "the probe subscription ended");
        Assert.True(stored[0].Timestamp < stored[1].Timestamp && stored[1].Timestamp < stored[2].Timestamp);

        using var atSecond = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtTime, stored[1].Timestamp));
        using var justAfterSecond = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtTime, stored[1].Timestamp + 1));

        Assert.Equal(2UL, (await atSecond.ResponseStream.NextAsync()).Sequence);
        Assert.Equal(3UL, (await justAfterSecond.ResponseStream.NextAsync()).Sequence);
    }

    [Fact]
    public async Task StartAtTime_below_ten_to_the_twelve_is_read_as_unix_seconds()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "stored");
        var nowSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // An hour ago in seconds replays the stored event; an hour ahead in seconds starts after it. Read as
        // nanoseconds both would be 1970 and would replay everything.
        using var past = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtTime, nowSeconds - 3600));
        using var future = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtTime, nowSeconds + 3600));
        await PublishAsync(kit, "ch", "later");

        Assert.Equal(["stored", "later"], await BodiesAsync(past, 2));
        Assert.Equal(["later"], await BodiesAsync(future, 1));
    }

    [Fact]
    public async Task StartAtTimeDelta_in_seconds_starts_that_far_back()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "old");
        var oldStoredAt = DateTime.UtcNow;
        await Eventually.HoldsAsync(() => DateTime.UtcNow > oldStoredAt.AddSeconds(1.5), "one and a half seconds have passed");
        await PublishAsync(kit, "ch", "recent");

        using var lastSecond = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtTimeDelta, 1));
        using var lastHour = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtTimeDelta, 3600));

        Assert.Equal(["recent"], await BodiesAsync(lastSecond, 1));
        Assert.Equal(["old", "recent"], await BodiesAsync(lastHour, 2));
    }

    [Fact]
    public async Task A_consumer_group_shares_the_stored_events_while_an_ungrouped_subscriber_gets_all()
    {
        await using var kit = await BrokerClient.StartAsync();
        const int count = 30;
        using var first = await SubscribeAsync(kit, StoreSubscription("work", EventsStoreType.StartFromFirst, group: "g"));
        using var second = await SubscribeAsync(kit, StoreSubscription("work", EventsStoreType.StartFromFirst, group: "g"));
        using var all = await SubscribeAsync(kit, StoreSubscription("work", EventsStoreType.StartFromFirst));

        await PublishAsync(kit, "work", Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());

        Assert.Equal(count, (await all.ResponseStream.TakeAsync(count)).Count);
        var sequences = new List<ulong>();
        var readers = new[] { first, second }.Select(call => Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                lock (sequences)
                    sequences.Add(call.ResponseStream.Current.Sequence);
            }
        })).ToArray();
        await Eventually.HoldsAsync(() => { lock (sequences) return sequences.Count >= count; }, "the group received every event");
        lock (sequences)
        {
            Assert.Equal(Enumerable.Range(1, count).Select(i => (ulong)i), sequences.Order());
        }
        // Each stored event went out once to the group and once to the ungrouped subscriber, never more.
        Assert.Equal(2L * count, kit.Engines.EventsStore.List().Single().Outgoing.Messages);
    }

    [Fact]
    public async Task A_slow_subscriber_reads_the_log_at_its_own_pace_and_loses_nothing()
    {
        await using var kit = await BrokerClient.StartAsync(new KubeMQBrokerOptions { EventSubscriberBufferSize = 2 });
        using var slow = await SubscribeAsync(kit, StoreSubscription("big", EventsStoreType.StartNewOnly));
        const int count = 300;
        var body = new string('s', 8 * 1024);

        for (var i = 0; i < count; i++)
            await kit.Client.SendEventAsync(Stored("big", body));

        var received = await slow.ResponseStream.TakeAsync(count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (ulong)i), received.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Wildcards_are_refused_on_events_store_subscriptions_with_error_107()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var call = kit.Client.SubscribeToEvents(StoreSubscription("ledger.*", EventsStoreType.StartFromFirst));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.NextAsync());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("Error 107: invalid channel value, no wildcards are allowed", error.Status.Detail);
    }

    [Theory]
    [InlineData(EventsStoreType.Undefined, 0, "Error 111: invalid subscription type, cannot be undefined or 0")]
    [InlineData((EventsStoreType)99, 0, "Error 111: invalid subscription type, cannot be undefined or 0")]
    [InlineData(EventsStoreType.StartAtSequence, 0, "Error 112: invalid subscription type start at sequence value, cannot by 0 or negative")]
    [InlineData(EventsStoreType.StartAtSequence, -4, "Error 112: invalid subscription type start at sequence value, cannot by 0 or negative")]
    [InlineData(EventsStoreType.StartAtTime, 0, "Error 113: invalid subscription type start at time value, cannot by 0 or negative")]
    [InlineData(EventsStoreType.StartAtTimeDelta, -1, "Error 114: invalid subscription type start at time delta value, cannot by 0 or negative")]
    public async Task Invalid_start_positions_are_refused_with_the_exact_text(EventsStoreType start, long value, string expected)
    {
        await using var kit = await BrokerClient.StartAsync();
        using var call = kit.Client.SubscribeToEvents(StoreSubscription("ledger", start, value));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.NextAsync());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(expected, error.Status.Detail);
    }

    [Fact]
    public async Task A_very_large_start_at_time_delta_replays_everything_instead_of_overflowing()
    {
        await using var kit = await BrokerClient.StartAsync();
        await PublishAsync(kit, "ch", "a");

        using var call = await SubscribeAsync(kit, StoreSubscription("ch", EventsStoreType.StartAtTimeDelta, long.MaxValue));

        Assert.Equal(["a"], await BodiesAsync(call, 1));
    }
}

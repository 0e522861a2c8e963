using Google.Protobuf;
using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

public sealed class EventsTests
{
    private static Event NewEvent(string channel, string body, string? id = null) => new()
    {
        EventID = id ?? string.Empty,
        ClientID = "publisher",
        Channel = channel,
        Body = ByteString.CopyFromUtf8(body),
    };

    private static Subscribe EventsSubscription(string channel, string group = "") => new()
    {
        SubscribeTypeData = Subscribe.Types.SubscribeType.Events,
        ClientID = "subscriber",
        Channel = channel,
        Group = group,
    };

    private static async Task<AsyncServerStreamingCall<EventReceive>[]> SubscribeAsync(BrokerClient kit, params Subscribe[] subscriptions)
    {
        var before = kit.Engines.Events.SubscriberCount;
        var calls = subscriptions.Select(s => kit.Client.SubscribeToEvents(s)).ToArray();
        await Eventually.HoldsAsync(() => kit.Engines.Events.SubscriberCount == before + calls.Length, "the subscriptions are registered");
        return calls;
    }

    [Fact]
    public async Task SendEvent_answers_sent_with_the_given_event_id_and_generates_one_when_empty()
    {
        await using var kit = await BrokerClient.StartAsync();

        var given = await kit.Client.SendEventAsync(NewEvent("orders", "a", id: "id-1"));
        var generated = await kit.Client.SendEventAsync(NewEvent("orders", "b"));

        Assert.True(given.Sent);
        Assert.Equal("id-1", given.EventID);
        Assert.Equal(string.Empty, given.Error);
        Assert.True(generated.Sent);
        Assert.False(string.IsNullOrEmpty(generated.EventID));
    }

    [Fact]
    public async Task Every_ungrouped_subscriber_receives_each_event_with_zero_timestamp_and_sequence()
    {
        await using var kit = await BrokerClient.StartAsync();
        var calls = await SubscribeAsync(kit, EventsSubscription("orders"), EventsSubscription("orders"), EventsSubscription("orders"));

        var sent = NewEvent("orders", "payload", id: "e-1");
        sent.Metadata = "meta";
        sent.Tags.Add("k", "v");
        await kit.Client.SendEventAsync(sent);

        foreach (var call in calls)
        {
            using (call)
            {
                var received = await call.ResponseStream.NextAsync();
                Assert.Equal("e-1", received.EventID);
                Assert.Equal("orders", received.Channel);
                Assert.Equal("meta", received.Metadata);
                Assert.Equal("payload", received.Body.ToStringUtf8());
                Assert.Equal("v", received.Tags["k"]);
                Assert.Equal(0, received.Timestamp);
                Assert.Equal(0UL, received.Sequence);
            }
        }
    }

    [Fact]
    public async Task A_consumer_group_gets_each_event_once_while_an_ungrouped_subscriber_gets_all()
    {
        await using var kit = await BrokerClient.StartAsync();
        var calls = await SubscribeAsync(kit, EventsSubscription("jobs", "workers"), EventsSubscription("jobs", "workers"), EventsSubscription("jobs"));
        const int count = 20;

        for (var i = 0; i < count; i++)
            await kit.Client.SendEventAsync(NewEvent("jobs", $"m{i}"));

        var ungrouped = await calls[2].ResponseStream.TakeAsync(count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), ungrouped.Select(e => e.Body.ToStringUtf8()));
        var memberReads = calls[..2].Select(ReadAllAsync).ToArray();
        var received = new List<string>();
        await Eventually.HoldsAsync(() => memberReads.Sum(r => r.Received.Count) >= count, "the group members received every event");
        foreach (var read in memberReads)
            received.AddRange(read.Received);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Distinct().Count());
        // Each event went out exactly twice: once to the ungrouped subscriber and once to a single group member.
        var row = kit.Engines.Events.List().Single(r => r.Name == "jobs");
        Assert.Equal(2L * count, row.Outgoing.Messages);
        foreach (var call in calls)
            call.Dispose();
    }

    [Fact]
    public async Task Star_wildcard_matches_exactly_one_token_and_delivers_the_concrete_channel()
    {
        await using var kit = await BrokerClient.StartAsync();
        var call = (await SubscribeAsync(kit, EventsSubscription("prices.*")))[0];
        using var _ = call;

        await kit.Client.SendEventAsync(NewEvent("prices", "no token"));
        await kit.Client.SendEventAsync(NewEvent("prices.eu.fr", "two tokens"));
        await kit.Client.SendEventAsync(NewEvent("prices.eu", "one token"));

        var received = await call.ResponseStream.NextAsync();
        Assert.Equal("prices.eu", received.Channel);
        Assert.Equal("one token", received.Body.ToStringUtf8());
    }

    [Fact]
    public async Task Greater_than_wildcard_matches_one_or_more_trailing_tokens()
    {
        await using var kit = await BrokerClient.StartAsync();
        var call = (await SubscribeAsync(kit, EventsSubscription("X.sub.sub.>")))[0];
        using var _ = call;

        await kit.Client.SendEventAsync(NewEvent("X.sub.sub", "no trailing token"));
        await kit.Client.SendEventAsync(NewEvent("X.sub.sub.sub.1", "deep"));
        await kit.Client.SendEventAsync(NewEvent("X.sub.sub.2", "one"));

        var received = await call.ResponseStream.TakeAsync(2);
        Assert.Equal(["X.sub.sub.sub.1", "X.sub.sub.2"], received.Select(r => r.Channel));
    }

    [Fact]
    public async Task A_wildcard_subscription_in_a_group_shares_events_with_its_group()
    {
        await using var kit = await BrokerClient.StartAsync();
        var calls = await SubscribeAsync(kit, EventsSubscription("a.*", "g"), EventsSubscription("a.*", "g"));

        for (var i = 0; i < 10; i++)
            await kit.Client.SendEventAsync(NewEvent($"a.{i}", "x"));

        var reads = calls.Select(ReadAllAsync).ToArray();
        await Eventually.HoldsAsync(() => reads.Sum(r => r.Received.Count) == 10, "the group received the ten events");
        Assert.Equal(10, kit.Engines.Events.List().Sum(r => r.Outgoing.Messages));
        foreach (var call in calls)
            call.Dispose();
    }

    [Theory]
    [InlineData("", "orders", "x", "Error 101: invalid clientID value, cannot be empty")]
    [InlineData("c", "", "x", "Error 102: invalid channel value, cannot be empty")]
    [InlineData("c", "orders.", "x", "Error 119: invalid channel value, cannot end with `.`")]
    [InlineData("c", "my orders", "x", "Error 108: invalid channel value, no white spaces are allowed")]
    [InlineData("c", "   ", "x", "Error 108: invalid channel value, no white spaces are allowed")]
    [InlineData("c", "orders.*", "x", "Error 107: invalid channel value, no wildcards are allowed")]
    [InlineData("c", "orders.>", "x", "Error 107: invalid channel value, no wildcards are allowed")]
    [InlineData("c", "orders", "", "Error 110: invalid message, cannot be empty")]
    public async Task SendEvent_refuses_bad_events_with_internal_status_and_the_exact_text(string clientId, string channel, string body, string expected)
    {
        await using var kit = await BrokerClient.StartAsync();
        foreach (var store in new[] { false, true })
        {
            var message = new Event { ClientID = clientId, Channel = channel, Body = ByteString.CopyFromUtf8(body), Store = store };

            var error = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendEventAsync(message).ResponseAsync);

            Assert.Equal(StatusCode.Internal, error.StatusCode);
            Assert.Equal(expected, error.Status.Detail);
        }
    }

    [Fact]
    public async Task An_event_with_only_metadata_is_not_empty()
    {
        await using var kit = await BrokerClient.StartAsync();

        var result = await kit.Client.SendEventAsync(new Event { ClientID = "c", Channel = "orders", Metadata = "only" });

        Assert.True(result.Sent);
    }

    [Theory]
    [InlineData(Subscribe.Types.SubscribeType.Events, "", "orders", 0, "Error 101: invalid clientID value, cannot be empty")]
    [InlineData(Subscribe.Types.SubscribeType.Events, "c", "", 0, "Error 102: invalid channel value, cannot be empty")]
    [InlineData(Subscribe.Types.SubscribeType.Events, "c", "orders.", 0, "Error 119: invalid channel value, cannot end with `.`")]
    [InlineData(Subscribe.Types.SubscribeType.Events, "c", " ", 0, "Error 108: invalid channel value, no white spaces are allowed")]
    [InlineData(Subscribe.Types.SubscribeType.Events, "c", "orders", 2, "Error 118: event store parameters were set but subscribe type is not event store")]
    [InlineData(Subscribe.Types.SubscribeType.Undefined, "c", "orders", 0, "Error 207: invalid subscribe type")]
    [InlineData(Subscribe.Types.SubscribeType.Commands, "c", "orders", 0, "Error 207: invalid subscribe type")]
    [InlineData((Subscribe.Types.SubscribeType)42, "c", "orders", 0, "Error 207: invalid subscribe type")]
    public async Task SubscribeToEvents_refuses_bad_subscriptions_with_internal_status(Subscribe.Types.SubscribeType type, string clientId, string channel, int storeType, string expected)
    {
        await using var kit = await BrokerClient.StartAsync();
        using var call = kit.Client.SubscribeToEvents(new Subscribe
        {
            SubscribeTypeData = type,
            ClientID = clientId,
            Channel = channel,
            EventsStoreTypeData = (Subscribe.Types.EventsStoreType)storeType,
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.NextAsync());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(expected, error.Status.Detail);
        Assert.Equal(0, kit.Engines.Events.SubscriberCount);
    }

    [Fact]
    public async Task SendEventsStream_answers_plain_events_only_on_error_and_keeps_the_stream_open()
    {
        await using var kit = await BrokerClient.StartAsync();
        var subscriber = (await SubscribeAsync(kit, EventsSubscription("stream")))[0];
        using var _ = subscriber;
        using var stream = kit.Client.SendEventsStream();

        await stream.RequestStream.WriteAsync(NewEvent("stream", "first", id: "1"));
        await stream.RequestStream.WriteAsync(new Event { EventID = "bad", ClientID = "c", Channel = "stream" });
        await stream.RequestStream.WriteAsync(NewEvent("stream", "second", id: "2"));
        await stream.RequestStream.CompleteAsync();

        var error = await stream.ResponseStream.NextAsync();
        Assert.Equal("bad", error.EventID);
        Assert.False(error.Sent);
        Assert.Equal("Error 110: invalid message, cannot be empty", error.Error);
        Assert.False(await stream.ResponseStream.MoveNext(), "no Result for successful plain events");
        Assert.Equal(StatusCode.OK, stream.GetStatus().StatusCode);
        var received = await subscriber.ResponseStream.TakeAsync(2);
        Assert.Equal(["first", "second"], received.Select(r => r.Body.ToStringUtf8()));
    }

    [Fact]
    public async Task SendEventsStream_answers_every_stored_event_and_survives_a_bad_one()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var stream = kit.Client.SendEventsStream();

        var first = NewEvent("stored", "a", id: "s1");
        first.Store = true;
        var bad = NewEvent("stored.*", "b", id: "s2");
        bad.Store = true;
        var third = NewEvent("stored", "c", id: "s3");
        third.Store = true;
        await stream.RequestStream.WriteAsync(first);
        await stream.RequestStream.WriteAsync(bad);
        await stream.RequestStream.WriteAsync(third);
        await stream.RequestStream.CompleteAsync();

        var results = await stream.ResponseStream.TakeAsync(3);
        Assert.Equal(["s1", "s2", "s3"], results.Select(r => r.EventID));
        Assert.Equal([true, false, true], results.Select(r => r.Sent));
        Assert.Equal("Error 107: invalid channel value, no wildcards are allowed", results[1].Error);
        Assert.False(await stream.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, stream.GetStatus().StatusCode);
        Assert.Equal(2, kit.Engines.EventsStore.List().Single().Incoming.Messages);
    }

    [Fact]
    public async Task A_stalled_subscriber_loses_messages_counted_while_a_fast_one_gets_them_all()
    {
        await using var kit = await BrokerClient.StartAsync(new KubeMQBrokerOptions
        {
            EventSubscriberBufferSize = 4,
            SlowSubscriberDeadline = TimeSpan.FromMilliseconds(500),
        });
        var calls = await SubscribeAsync(kit, EventsSubscription("firehose"), EventsSubscription("firehose"));
        using var fast = calls[0];
        using var stalled = calls[1];
        var fastReader = ReadAllAsync(fast);
        const int count = 100;
        var body = new string('x', 16 * 1024);

        // The stalled subscriber never reads: HTTP/2 flow control, then its buffer of 4, fill up; the rest is dropped.
        for (var i = 0; i < count; i++)
            await kit.Client.SendEventAsync(NewEvent("firehose", body, id: i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await Eventually.HoldsAsync(() => fastReader.Received.Count == count, "the fast subscriber received every event");
        var dropped = kit.Engines.Events.DroppedForSlowSubscribers;
        Assert.InRange(dropped, 1, count - 4);
        var late = await stalled.ResponseStream.TakeAsync(count - (int)dropped);
        var ids = late.Select(e => int.Parse(e.EventID, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(0, ids[0]);
    }

    private static StreamDrain ReadAllAsync(AsyncServerStreamingCall<EventReceive> call)
    {
        var drain = new StreamDrain();
        drain.Completion = Task.Run(async () =>
        {
            try
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    lock (drain.Received)
                        drain.Received.Add(call.ResponseStream.Current.Body.ToStringUtf8());
                }
            }
            catch (RpcException)
            {
                // Disposed by the test.
            }
        });
        return drain;
    }

    private sealed class StreamDrain
    {
        public List<string> Received { get; } = [];

        public Task Completion { get; set; } = Task.CompletedTask;
    }
}

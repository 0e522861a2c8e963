using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using KubeMQ.Grpc;
using SubscribeType = KubeMQ.Grpc.Subscribe.Types.SubscribeType;

namespace KubeMQ.Broker.Tests;

public sealed class FaultTests
{
    private static Subscribe Subscription(SubscribeType type, string channel, Subscribe.Types.EventsStoreType start = 0) => new()
    {
        SubscribeTypeData = type,
        ClientID = "c-" + Guid.NewGuid().ToString("N"),
        Channel = channel,
        EventsStoreTypeData = start,
    };

    private static int OpenSubscriptions(BrokerClient kit) =>
        kit.Engines.Events.SubscriberCount + kit.Engines.EventsStore.SubscriberCount + kit.Engines.Commands.SubscriberCount + kit.Engines.Queries.SubscriberCount;

    [Fact]
    public async Task Aborting_open_streams_cuts_every_subscription_and_keeps_the_stored_state()
    {
        await using var kit = await BrokerClient.StartAsync();
        await kit.Client.SendEventAsync(new Event { ClientID = "c", Channel = "kept", Body = ByteString.CopyFromUtf8("stored"), Store = true });
        using var events = kit.Client.SubscribeToEvents(Subscription(SubscribeType.Events, "e"));
        using var stored = kit.Client.SubscribeToEvents(Subscription(SubscribeType.EventsStore, "kept", Subscribe.Types.EventsStoreType.StartNewOnly));
        using var commands = kit.Client.SubscribeToRequests(Subscription(SubscribeType.Commands, "c"));
        using var queries = kit.Client.SubscribeToRequests(Subscription(SubscribeType.Queries, "q"));
        await Eventually.HoldsAsync(() => OpenSubscriptions(kit) == 4 && kit.Broker.Runtime.Streams.Count == 4, "four subscriptions are open");

        var aborted = kit.Broker.AbortOpenStreams();

        Assert.Equal(4, aborted);
        foreach (var call in new IAsyncStreamReader<object>[] { Reader(events), Reader(stored), Reader(commands), Reader(queries) })
            await Assert.ThrowsAsync<RpcException>(() => call.NextAsync());
        await Eventually.HoldsAsync(() => OpenSubscriptions(kit) == 0, "the cut subscriptions are released");
        using var again = kit.Client.SubscribeToEvents(Subscription(SubscribeType.EventsStore, "kept", Subscribe.Types.EventsStoreType.StartFromFirst));
        var replayed = await again.ResponseStream.NextAsync();
        Assert.Equal("stored", replayed.Body.ToStringUtf8());
        Assert.Equal(1UL, replayed.Sequence);
    }

    [Fact]
    public async Task A_client_leaving_mid_stream_frees_its_subscription()
    {
        await using var kit = await BrokerClient.StartAsync();
        var events = kit.Client.SubscribeToEvents(Subscription(SubscribeType.Events, "e"));
        var stored = kit.Client.SubscribeToEvents(Subscription(SubscribeType.EventsStore, "s", Subscribe.Types.EventsStoreType.StartFromFirst));
        var commands = kit.Client.SubscribeToRequests(Subscription(SubscribeType.Commands, "c"));
        var publisher = kit.Client.SendEventsStream();
        await publisher.RequestStream.WriteAsync(new Event { ClientID = "c", Channel = "e", Body = ByteString.CopyFromUtf8("x") });
        await Eventually.HoldsAsync(() => OpenSubscriptions(kit) == 3 && kit.Broker.Runtime.Streams.Count == 4, "three subscriptions and a publishing stream are open");

        events.Dispose();
        stored.Dispose();
        commands.Dispose();
        publisher.Dispose();

        await Eventually.HoldsAsync(() => OpenSubscriptions(kit) == 0, "the subscriptions are released");
        await Eventually.HoldsAsync(() => kit.Broker.Runtime.Streams.Count == 0, "every stream handler ended");
        var result = await kit.Client.SendEventAsync(new Event { ClientID = "c", Channel = "e", Body = ByteString.CopyFromUtf8("after") });
        Assert.True(result.Sent);
        Assert.Equal(0, kit.Engines.Events.DroppedForSlowSubscribers);
    }

    [Fact]
    public async Task A_body_over_the_max_size_fails_resource_exhausted_and_the_broker_keeps_serving()
    {
        await using var kit = await BrokerClient.StartAsync(new KubeMQBrokerOptions { MaxBodySize = 1024 * 1024 });
        var huge = ByteString.CopyFrom(new byte[2 * 1024 * 1024]);

        var unary = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendEventAsync(new Event { ClientID = "c", Channel = "big", Body = huge }).ResponseAsync);
        using var stream = kit.Client.SendEventsStream();
        try
        {
            await stream.RequestStream.WriteAsync(new Event { ClientID = "c", Channel = "big", Body = huge, Store = true });
        }
        catch (RpcException)
        {
            // The broker may end the call before the client has finished writing; the call's status is read below.
        }
        var streamed = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.NextAsync());
        var request = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendRequestAsync(new Request
        {
            RequestTypeData = Request.Types.RequestType.Query,
            ClientID = "c",
            Channel = "big",
            Body = huge,
            Timeout = 1000,
        }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, unary.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, streamed.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, request.StatusCode);
        var fits = await kit.Client.SendEventAsync(new Event { ClientID = "c", Channel = "big", Body = ByteString.CopyFrom(new byte[512 * 1024]) });
        Assert.True(fits.Sent);
        Assert.False(string.IsNullOrEmpty((await kit.Client.PingAsync(new Empty())).Version));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_protobuf_message_fail_the_call_and_nothing_else()
    {
        await using var kit = await BrokerClient.StartAsync();
        var raw = new Marshaller<byte[]>(bytes => bytes, bytes => bytes);
        var sendEvent = new Method<byte[], byte[]>(MethodType.Unary, "kubemq.kubemq", "SendEvent", raw, raw);
        var sendRequest = new Method<byte[], byte[]>(MethodType.Unary, "kubemq.kubemq", "SendRequest", raw, raw);
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x0A, 0x80];

        foreach (var method in new[] { sendEvent, sendRequest })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => kit.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), garbage).ResponseAsync);
            Assert.NotEqual(StatusCode.OK, error.StatusCode);
        }

        Assert.False(string.IsNullOrEmpty((await kit.Client.PingAsync(new Empty())).Version));
    }

    [Fact]
    public async Task Two_thousand_concurrent_subscribers_each_receive_the_event()
    {
        await using var kit = await BrokerClient.StartAsync();
        const int subscribers = 2000;
        var calls = new AsyncServerStreamingCall<EventReceive>[subscribers];
        for (var i = 0; i < subscribers; i++)
            calls[i] = kit.Client.SubscribeToEvents(Subscription(SubscribeType.Events, i % 2 == 0 ? "crowd" : "crowd.*"));
        try
        {
            await Eventually.HoldsAsync(() => kit.Engines.Events.SubscriberCount == subscribers, "every subscription is registered");

            await kit.Client.SendEventAsync(new Event { EventID = "hello", ClientID = "c", Channel = "crowd", Body = ByteString.CopyFromUtf8("all") });
            await kit.Client.SendEventAsync(new Event { EventID = "hello-sub", ClientID = "c", Channel = "crowd.sub", Body = ByteString.CopyFromUtf8("half") });

            var received = await Task.WhenAll(calls.Select(c => c.ResponseStream.NextAsync()));
            Assert.Equal(subscribers / 2, received.Count(r => r.EventID == "hello"));
            Assert.Equal(subscribers / 2, received.Count(r => r.EventID == "hello-sub"));
            Assert.Equal(0, kit.Engines.Events.DroppedForSlowSubscribers);
        }
        finally
        {
            foreach (var call in calls)
                call.Dispose();
        }
        await Eventually.HoldsAsync(() => kit.Engines.Events.SubscriberCount == 0, "every subscription is released");
    }

    [Fact]
    public async Task Stopping_the_broker_ends_open_subscriptions()
    {
        var kit = await BrokerClient.StartAsync();
        await using (kit)
        {
            using var subscription = kit.Client.SubscribeToEvents(Subscription(SubscribeType.Events, "e"));
            await Eventually.HoldsAsync(() => kit.Engines.Events.SubscriberCount == 1, "the subscription is open");

            await kit.Broker.StopAsync();

            await Assert.ThrowsAnyAsync<Exception>(() => subscription.ResponseStream.NextAsync());
            Assert.Equal(0, kit.Engines.Events.SubscriberCount);
        }
    }

    private static IAsyncStreamReader<object> Reader<T>(AsyncServerStreamingCall<T> call) => new Untyped<T>(call.ResponseStream);

    private sealed class Untyped<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<object>
    {
        public object Current => inner.Current!;

        public Task<bool> MoveNext(CancellationToken cancellationToken) => inner.MoveNext(cancellationToken);
    }
}

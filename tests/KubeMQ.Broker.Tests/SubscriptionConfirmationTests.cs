using Grpc.Core;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

/// <summary>
/// Once a subscriber is registered the broker flushes the response headers with <c>kubemq-subscription</c>, so a
/// client can know that a message published after that moment reaches it; Ping advertises the capability.
/// </summary>
public sealed class SubscriptionConfirmationTests
{
    [Fact]
    public async Task Ping_advertises_subscription_confirmation_in_its_response_headers()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var call = kit.Client.PingAsync(new Empty());
        var headers = await call.ResponseHeadersAsync;
        Assert.Equal("subscription-confirmation", headers.GetValue("kubemq-capabilities"));
        Assert.StartsWith("3.", (await call.ResponseAsync).Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_published_right_after_the_confirmation_reaches_the_new_subscriber()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var subscription = kit.Client.SubscribeToEvents(new Subscribe { SubscribeTypeData = Subscribe.Types.SubscribeType.Events, ClientID = "c", Channel = "confirm.events" });

        var headers = await subscription.ResponseHeadersAsync;
        Assert.Equal("registered", headers.GetValue("kubemq-subscription"));
        await kit.Client.SendEventAsync(new Event { ClientID = "p", Channel = "confirm.events", Body = Google.Protobuf.ByteString.CopyFromUtf8("first") });

        var received = await subscription.ResponseStream.NextAsync();
        Assert.Equal("first", received.Body.ToStringUtf8());
    }

    [Theory]
    [InlineData(Subscribe.Types.SubscribeType.Commands, Request.Types.RequestType.Command)]
    [InlineData(Subscribe.Types.SubscribeType.Queries, Request.Types.RequestType.Query)]
    public async Task A_request_sent_right_after_the_confirmation_reaches_the_new_responder(Subscribe.Types.SubscribeType type, Request.Types.RequestType requestType)
    {
        await using var kit = await BrokerClient.StartAsync();
        using var subscription = kit.Client.SubscribeToRequests(new Subscribe { SubscribeTypeData = type, ClientID = "r", Channel = "confirm.requests" });

        var headers = await subscription.ResponseHeadersAsync;
        Assert.Equal("registered", headers.GetValue("kubemq-subscription"));
        using var pending = kit.Client.SendRequestAsync(new Request { RequestTypeData = requestType, ClientID = "s", Channel = "confirm.requests", Body = Google.Protobuf.ByteString.CopyFromUtf8("ping"), Timeout = 30_000 });

        var received = await subscription.ResponseStream.NextAsync();
        Assert.Equal("ping", received.Body.ToStringUtf8());
        await kit.Client.SendResponseAsync(new Response { ClientID = "r", RequestID = received.RequestID, ReplyChannel = received.ReplyChannel, Executed = true });
        Assert.True((await pending.ResponseAsync).Executed);
    }

    [Fact]
    public async Task An_events_store_subscription_is_confirmed_before_anything_is_stored()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var subscription = kit.Client.SubscribeToEvents(new Subscribe
        {
            SubscribeTypeData = Subscribe.Types.SubscribeType.EventsStore,
            ClientID = "c",
            Channel = "confirm.store",
            EventsStoreTypeData = Subscribe.Types.EventsStoreType.StartNewOnly,
        });

        var headers = await subscription.ResponseHeadersAsync;
        Assert.Equal("registered", headers.GetValue("kubemq-subscription"));
        await kit.Client.SendEventAsync(new Event { ClientID = "p", Channel = "confirm.store", Store = true, Body = Google.Protobuf.ByteString.CopyFromUtf8("stored") });

        var received = await subscription.ResponseStream.NextAsync();
        Assert.Equal(1UL, received.Sequence);
    }
}

using Google.Protobuf;
using Grpc.Core;
using KubeMQ.Grpc;
using RequestType = KubeMQ.Grpc.Request.Types.RequestType;
using SubscribeType = KubeMQ.Grpc.Subscribe.Types.SubscribeType;

namespace KubeMQ.Broker.Tests;

public sealed class CommandsTests
{
    private static Request Command(string channel, string body = "do it", int timeoutMs = 10_000) => new()
    {
        RequestID = Guid.NewGuid().ToString("N"),
        RequestTypeData = RequestType.Command,
        ClientID = "sender",
        Channel = channel,
        Body = ByteString.CopyFromUtf8(body),
        Timeout = timeoutMs,
    };

    [Fact]
    public async Task A_command_reaches_its_responder_with_a_broker_reply_channel_and_the_reply_comes_back()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Commands, "cmd", request => new Response
        {
            Executed = true,
            Metadata = "done-meta",
            Body = ByteString.CopyFromUtf8("done-body"),
            Timestamp = 123,
            Tags = { ["t"] = "v" },
        });
        var sent = Command("cmd");
        sent.Metadata = "m";
        sent.Tags.Add("trace", "x");

        var first = await kit.Client.SendRequestAsync(sent);
        var second = await kit.Client.SendRequestAsync(Command("cmd"));

        Assert.True(first.Executed);
        Assert.Equal(sent.RequestID, first.RequestID);
        Assert.Equal("responder", first.ClientID);
        Assert.Equal("done-body", first.Body.ToStringUtf8());
        Assert.Equal("done-meta", first.Metadata);
        Assert.Equal(123, first.Timestamp);
        Assert.Equal("v", first.Tags["t"]);
        Assert.Equal(string.Empty, first.ReplyChannel);
        Assert.False(first.CacheHit);
        Assert.True(second.Executed);
        var received = responder.Received;
        Assert.Equal(2, received.Count);
        Assert.Equal("do it", received[0].Body.ToStringUtf8());
        Assert.Equal("m", received[0].Metadata);
        Assert.Equal("x", received[0].Tags["trace"]);
        Assert.Equal(RequestType.Command, received[0].RequestTypeData);
        Assert.False(string.IsNullOrEmpty(received[0].ReplyChannel));
        Assert.NotEqual(received[0].ReplyChannel, received[1].ReplyChannel);
    }

    [Fact]
    public async Task A_failed_command_returns_executed_false_with_the_responders_error()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Commands, "cmd", _ => new Response { Executed = false, Error = "disk full" });

        var response = await kit.Client.SendRequestAsync(Command("cmd"));

        Assert.False(response.Executed);
        Assert.Equal("disk full", response.Error);
    }

    [Fact]
    public async Task An_empty_request_id_is_filled_in_by_the_broker()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Commands, "cmd", _ => new Response { Executed = true });
        var command = Command("cmd");
        command.RequestID = string.Empty;

        var response = await kit.Client.SendRequestAsync(command);

        Assert.False(string.IsNullOrEmpty(responder.Received.Single().RequestID));
        Assert.Equal(responder.Received.Single().RequestID, response.RequestID);
    }

    [Fact]
    public async Task A_group_gets_each_command_once_and_ungrouped_responders_all_get_it_first_reply_wins()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var memberA = await Responder.StartAsync(kit, SubscribeType.Commands, "cmd", _ => new Response { Executed = true, Metadata = "group" }, group: "g");
        using var memberB = await Responder.StartAsync(kit, SubscribeType.Commands, "cmd", _ => new Response { Executed = true, Metadata = "group" }, group: "g");
        using var loneA = await Responder.StartAsync(kit, SubscribeType.Commands, "cmd", _ => new Response { Executed = true, Metadata = "lone" });
        using var loneB = await Responder.StartAsync(kit, SubscribeType.Commands, "cmd", _ => new Response { Executed = true, Metadata = "lone" });
        const int count = 10;

        for (var i = 0; i < count; i++)
            Assert.True((await kit.Client.SendRequestAsync(Command("cmd"))).Executed);

        await Eventually.HoldsAsync(() => loneA.Received.Count == count && loneB.Received.Count == count, "both ungrouped responders received every command");
        await Eventually.HoldsAsync(() => memberA.Received.Count + memberB.Received.Count == count, "the group received every command");
        Assert.Equal(count, memberA.Received.Concat(memberB.Received).Select(r => r.RequestID).Distinct().Count());
        Assert.Equal(3L * count, kit.Engines.Commands.List().Single().Outgoing.Messages);
    }

    [Fact]
    public async Task No_responder_ends_in_internal_error_301_after_the_timeout()
    {
        await using var kit = await BrokerClient.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendRequestAsync(Command("nobody", timeoutMs: 200)).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("Error 301: timeout for request message", error.Status.Detail);
        Assert.Equal(0, kit.Engines.Replies.Count);
    }

    [Fact]
    public async Task A_reply_after_the_timeout_is_dropped_and_the_broker_keeps_serving()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var silent = await Responder.StartAsync(kit, SubscribeType.Commands, "slow", _ => null);

        var error = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendRequestAsync(Command("slow", timeoutMs: 200)).ResponseAsync);
        Assert.Equal("Error 301: timeout for request message", error.Status.Detail);
        await Eventually.HoldsAsync(() => silent.Received.Count == 1, "the silent responder got the command");
        var late = silent.Received.Single();

        await kit.Client.SendResponseAsync(new Response { ClientID = "late", RequestID = late.RequestID, ReplyChannel = late.ReplyChannel, Executed = true });

        Assert.Equal(0, kit.Engines.Replies.Count);
        using var responder = await Responder.StartAsync(kit, SubscribeType.Commands, "fast", _ => new Response { Executed = true });
        Assert.True((await kit.Client.SendRequestAsync(Command("fast"))).Executed);
    }

    [Fact]
    public async Task Commands_and_queries_with_the_same_channel_name_are_unrelated()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var queryResponder = await Responder.StartAsync(kit, SubscribeType.Queries, "shared", _ => new Response { Executed = true });

        var error = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendRequestAsync(Command("shared", timeoutMs: 200)).ResponseAsync);

        Assert.Equal("Error 301: timeout for request message", error.Status.Detail);
        Assert.Empty(queryResponder.Received);
    }

    [Theory]
    [InlineData(RequestType.Unknown, "c", "ch", 1000, "b", "", 0, "Error 206: invalid request type")]
    [InlineData((RequestType)7, "c", "ch", 1000, "b", "", 0, "Error 206: invalid request type")]
    [InlineData(RequestType.Command, "", "ch", 1000, "b", "", 0, "Error 101: invalid clientID value, cannot be empty")]
    [InlineData(RequestType.Command, "c", "", 1000, "b", "", 0, "Error 102: invalid channel value, cannot be empty")]
    [InlineData(RequestType.Command, "c", "ch.", 1000, "b", "", 0, "Error 119: invalid channel value, cannot end with `.`")]
    [InlineData(RequestType.Command, "c", "c h", 1000, "b", "", 0, "Error 108: invalid channel value, no white spaces are allowed")]
    [InlineData(RequestType.Query, "c", "ch.>", 1000, "b", "", 0, "Error 107: invalid channel value, no wildcards are allowed")]
    [InlineData(RequestType.Command, "c", "ch", 0, "b", "", 0, "Error 109: invalid set timeout value, cannot be 0 or negative")]
    [InlineData(RequestType.Query, "c", "ch", -5, "b", "", 0, "Error 109: invalid set timeout value, cannot be 0 or negative")]
    [InlineData(RequestType.Command, "c", "ch", 1000, "", "", 0, "Error 115: invalid request, cannot be empty")]
    [InlineData(RequestType.Query, "c", "ch", 1000, "b", "key", 0, "Error 116: invalid cache ttl value, cannot be 0 or negative")]
    [InlineData(RequestType.Query, "c", "ch", 1000, "b", "key", -1, "Error 116: invalid cache ttl value, cannot be 0 or negative")]
    public async Task SendRequest_refuses_bad_requests_with_internal_status_and_the_exact_text(RequestType type, string clientId, string channel, int timeout, string body, string cacheKey, int cacheTtl, string expected)
    {
        await using var kit = await BrokerClient.StartAsync();
        var request = new Request
        {
            RequestTypeData = type,
            ClientID = clientId,
            Channel = channel,
            Timeout = timeout,
            Body = ByteString.CopyFromUtf8(body),
            CacheKey = cacheKey,
            CacheTTL = cacheTtl,
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendRequestAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(expected, error.Status.Detail);
    }

    [Theory]
    [InlineData("", "_INBOX.x", "r", "Error 101: invalid clientID value, cannot be empty")]
    [InlineData("c", "", "r", "Error 102: invalid channel value, cannot be empty")]
    [InlineData("c", "_INBOX.*", "r", "Error 107: invalid channel value, no wildcards are allowed")]
    [InlineData("c", "_INBOX x", "r", "Error 108: invalid channel value, no white spaces are allowed")]
    [InlineData("c", "_INBOX.x", "", "Error 117: invalid request id, cannot be empty")]
    public async Task SendResponse_refuses_bad_responses_with_internal_status(string clientId, string replyChannel, string requestId, string expected)
    {
        await using var kit = await BrokerClient.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendResponseAsync(new Response { ClientID = clientId, ReplyChannel = replyChannel, RequestID = requestId }).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(expected, error.Status.Detail);
    }

    [Theory]
    [InlineData(SubscribeType.Events, "c", "ch", "Error 207: invalid subscribe type")]
    [InlineData(SubscribeType.EventsStore, "c", "ch", "Error 207: invalid subscribe type")]
    [InlineData(SubscribeType.Undefined, "c", "ch", "Error 207: invalid subscribe type")]
    [InlineData(SubscribeType.Commands, "", "ch", "Error 101: invalid clientID value, cannot be empty")]
    [InlineData(SubscribeType.Queries, "c", "", "Error 102: invalid channel value, cannot be empty")]
    [InlineData(SubscribeType.Commands, "c", "ch.", "Error 119: invalid channel value, cannot end with `.`")]
    [InlineData(SubscribeType.Queries, "c", "c h", "Error 108: invalid channel value, no white spaces are allowed")]
    public async Task SubscribeToRequests_refuses_bad_subscriptions_with_internal_status(SubscribeType type, string clientId, string channel, string expected)
    {
        await using var kit = await BrokerClient.StartAsync();
        using var call = kit.Client.SubscribeToRequests(new Subscribe { SubscribeTypeData = type, ClientID = clientId, Channel = channel });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.NextAsync());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(expected, error.Status.Detail);
    }

    [Fact]
    public async Task A_wildcard_request_subscription_receives_matching_commands()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Commands, "svc.*", request => new Response { Executed = true, Metadata = request.Channel });

        var response = await kit.Client.SendRequestAsync(Command("svc.billing"));

        Assert.Equal("svc.billing", response.Metadata);
    }

    [Fact]
    public async Task A_request_waiting_when_the_broker_stops_fails_at_once_with_error_409()
    {
        var kit = await BrokerClient.StartAsync();
        await using (kit)
        {
            using var silent = await Responder.StartAsync(kit, SubscribeType.Commands, "cmd", _ => null);
            var pending = kit.Client.SendRequestAsync(Command("cmd", timeoutMs: 60_000)).ResponseAsync;
            await Eventually.HoldsAsync(() => silent.Received.Count == 1, "the command reached the responder");

            await kit.Broker.StopAsync();

            var error = await Assert.ThrowsAsync<RpcException>(() => pending);
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.Equal("Error 409: server is in shutdown mode", error.Status.Detail);
        }
    }

    [Fact]
    public async Task A_responder_that_stops_reading_loses_requests_counted_instead_of_holding_senders()
    {
        await using var kit = await BrokerClient.StartAsync(new KubeMQBrokerOptions
        {
            EventSubscriberBufferSize = 1,
            SlowSubscriberDeadline = TimeSpan.FromMilliseconds(100),
        });
        using var stuck = kit.Client.SubscribeToRequests(new Subscribe { SubscribeTypeData = SubscribeType.Commands, ClientID = "stuck", Channel = "cmd" });
        await Eventually.HoldsAsync(() => kit.Engines.Commands.SubscriberCount == 1, "the stuck responder is subscribed");
        var body = new string('r', 32 * 1024);

        // Nobody reads: HTTP/2 flow control, then the one-slot buffer, fill up and later requests are dropped for it.
        var sends = Enumerable.Range(0, 40).Select(_ => kit.Client.SendRequestAsync(Command("cmd", body, timeoutMs: 300)).ResponseAsync).ToArray();
        foreach (var send in sends)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => send);
            Assert.Equal("Error 301: timeout for request message", error.Status.Detail);
        }

        Assert.True(kit.Engines.Commands.DroppedForSlowSubscribers > 0);
        Assert.Equal(0, kit.Engines.Replies.Count);
    }
}

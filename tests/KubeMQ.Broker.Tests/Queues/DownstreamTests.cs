using KubeMQ.Grpc;
using static KubeMQ.Broker.Tests.Queues.QueueTestKit;
using RequestType = KubeMQ.Grpc.QueuesDownstreamRequestType;

namespace KubeMQ.Broker.Tests.Queues;

public sealed class DownstreamTests
{
    [Fact]
    public async Task Get_opens_a_transaction_holding_the_messages_until_acked()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.get", "1", "2", "3");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.get", maxItems: 3);
        var heldInfo = await kit.InfoAsync("down.get");
        await stream.SettleAsync(RequestType.AckAll, get.TransactionId);
        var status = await stream.StatusAsync(get.TransactionId);

        Assert.True(Guid.TryParse(get.TransactionId, out _));
        Assert.Equal(RequestType.Get, get.RequestTypeData);
        Assert.False(get.TransactionComplete);
        Assert.Equal(["1", "2", "3"], get.Messages.Select(Text));
        Assert.All(get.Messages, m => Assert.Equal(1, m.Attributes.ReceiveCount));
        Assert.Equal(3, heldInfo!.Messages);
        Assert.Equal(0, heldInfo.Waiting);
        Assert.True(status.TransactionComplete);
        Assert.Equal(0, (await kit.InfoAsync("down.get"))!.Messages);
    }

    [Fact]
    public async Task Get_on_an_empty_queue_closes_the_transaction_at_once()
    {
        await using var kit = await StartAsync();
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.empty", maxItems: 1, waitMs: 0);
        var ack = await AckAfterCloseAsync(stream, get.TransactionId);

        Assert.Empty(get.Messages);
        Assert.True(get.TransactionComplete);
        Assert.Equal("cannot ack messages with closed response ", ack.Error);
    }

    [Fact]
    public async Task Auto_ack_get_removes_the_messages_and_completes_the_transaction()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.auto", "1", "2");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.auto", maxItems: 2, autoAck: true);

        Assert.Equal(2, get.Messages.Count);
        Assert.True(get.TransactionComplete);
        Assert.Equal(0, (await kit.InfoAsync("down.auto"))!.Messages);
    }

    [Fact]
    public async Task Get_with_no_max_items_takes_everything_available()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.all", "1", "2", "3", "4");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.all", maxItems: 0);

        Assert.Equal(4, get.Messages.Count);
    }

    [Fact]
    public async Task Competing_consumers_never_receive_the_same_message()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.compete", Enumerable.Range(0, 10).Select(i => $"{i}").ToArray());
        using var first = DownstreamCall.Open(kit.Client);
        using var second = DownstreamCall.Open(kit.Client);

        var a = await first.GetAsync("down.compete", maxItems: 5);
        var b = await second.GetAsync("down.compete", maxItems: 5);

        Assert.Equal(["0", "1", "2", "3", "4"], a.Messages.Select(Text));
        Assert.Equal(["5", "6", "7", "8", "9"], b.Messages.Select(Text));
    }

    [Fact]
    public async Task Ack_range_settles_only_the_listed_sequences()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.range", "1", "2", "3");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.range", maxItems: 3);
        var sequences = get.Messages.Select(m => (long)m.Attributes.Sequence).ToList();
        await stream.SettleAsync(RequestType.AckRange, get.TransactionId, [sequences[0], sequences[2]]);
        await stream.SettleAsync(RequestType.ActiveOffsets, get.TransactionId);
        var offsets = await stream.ReadAsync();

        Assert.Equal(RequestType.ActiveOffsets, offsets.RequestTypeData);
        Assert.Equal([sequences[1]], offsets.ActiveOffsets);
        Assert.Equal(1, (await kit.InfoAsync("down.range"))!.Messages);
    }

    [Fact]
    public async Task Acking_the_last_held_sequence_closes_the_transaction()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("down.lastrange", "1");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.lastrange", maxItems: 1);
        await stream.SettleAsync(RequestType.AckRange, get.TransactionId, [(long)get.Messages[0].Attributes.Sequence]);

        Assert.True((await stream.StatusAsync(get.TransactionId)).TransactionComplete);
    }

    [Fact]
    public async Task Invalid_or_empty_ranges_are_refused_with_their_texts()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.badrange", "1", "2");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.badrange", maxItems: 2);
        var first = (long)get.Messages[0].Attributes.Sequence;
        await stream.SettleAsync(RequestType.AckRange, get.TransactionId, [first, 999]);
        var invalid = await stream.ReadAsync();
        await stream.SettleAsync(RequestType.AckRange, get.TransactionId, []);
        var empty = await stream.ReadAsync();
        await stream.SettleAsync(RequestType.NackRange, get.TransactionId, [first]);
        var alreadyAcked = await stream.ReadAsync();

        Assert.Equal("invalid ack sequence id 999", invalid.Error);
        Assert.Equal(RequestType.AckRange, invalid.RequestTypeData);
        Assert.Equal(get.TransactionId, invalid.TransactionId);
        Assert.Equal("cannot ack empty list of of offsets", empty.Error);
        Assert.Equal($"invalid nack sequence id {first}", alreadyAcked.Error);
        Assert.Equal(1, (await kit.InfoAsync("down.badrange"))!.Messages);
    }

    [Fact]
    public async Task Nacked_message_is_redelivered_with_higher_sequence_and_receive_count()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.nack", "1", "2");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.nack", maxItems: 2);
        await stream.SettleAsync(RequestType.NackAll, get.TransactionId);
        var again = await stream.GetAsync("down.nack", maxItems: 2);

        Assert.Equal(["1", "2"], again.Messages.Select(Text));
        Assert.Equal([3ul, 4ul], again.Messages.Select(m => m.Attributes.Sequence));
        Assert.All(again.Messages, m => Assert.Equal(2, m.Attributes.ReceiveCount));
    }

    [Fact]
    public async Task Nack_range_returns_only_the_listed_sequences()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.nackrange", "1", "2");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.nackrange", maxItems: 2);
        await stream.SettleAsync(RequestType.NackRange, get.TransactionId, [(long)get.Messages[1].Attributes.Sequence]);
        var again = await stream.GetAsync("down.nackrange", maxItems: 1);
        await stream.SettleAsync(RequestType.ActiveOffsets, get.TransactionId);
        var offsets = await stream.ReadAsync();

        Assert.Equal("2", Text(Assert.Single(again.Messages)));
        Assert.Equal(3ul, again.Messages[0].Attributes.Sequence);
        Assert.Equal([(long)get.Messages[0].Attributes.Sequence], offsets.ActiveOffsets);
    }

    [Fact]
    public async Task Requeue_needs_a_destination_and_moves_messages_as_fresh_sends()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.requeue", "1", "2", "3");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.requeue", maxItems: 3);
        await stream.SettleAsync(RequestType.ReQueueAll, get.TransactionId);
        var noDestination = await stream.ReadAsync();
        await stream.SettleAsync(RequestType.ReQueueRange, get.TransactionId, [(long)get.Messages[0].Attributes.Sequence], requeueTo: "down.requeue.other");
        await stream.SettleAsync(RequestType.ReQueueAll, get.TransactionId, requeueTo: "down.requeue.other");
        var status = await stream.StatusAsync(get.TransactionId);
        var moved = await kit.ReceiveAsync("down.requeue.other", 3);

        Assert.Equal("cannot requeue messages with empty channel destination ", noDestination.Error);
        Assert.Equal(RequestType.ReQueueAll, noDestination.RequestTypeData);
        Assert.True(status.TransactionComplete);
        Assert.Equal(["1", "2", "3"], moved.Select(Text));
        Assert.Equal([1ul, 2ul, 3ul], moved.Select(m => m.Attributes.Sequence));
        Assert.All(moved, m => Assert.Equal(1, m.Attributes.ReceiveCount));
        Assert.Equal(0, (await kit.InfoAsync("down.requeue"))!.Messages);
    }

    [Fact]
    public async Task Settling_a_closed_transaction_fails_with_the_closed_texts()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("down.closed", "1");
        using var stream = DownstreamCall.Open(kit.Client);
        var get = await stream.GetAsync("down.closed", maxItems: 1);
        await stream.SettleAsync(RequestType.AckAll, get.TransactionId);

        var errors = new Dictionary<RequestType, string>();
        foreach (var type in new[] { RequestType.AckAll, RequestType.AckRange, RequestType.NackAll, RequestType.NackRange, RequestType.ReQueueAll, RequestType.ReQueueRange, RequestType.ActiveOffsets })
        {
            await stream.SettleAsync(type, get.TransactionId, [1], requeueTo: "elsewhere");
            var response = await stream.ReadAsync();
            Assert.True(response.IsError);
            Assert.Equal(type, response.RequestTypeData);
            errors[type] = response.Error;
        }

        Assert.Equal("cannot ack messages with closed response ", errors[RequestType.AckAll]);
        Assert.Equal("cannot ack messages with closed response ", errors[RequestType.AckRange]);
        Assert.Equal("cannot nack messages with closed response ", errors[RequestType.NackAll]);
        Assert.Equal("cannot nack messages with closed response ", errors[RequestType.NackRange]);
        Assert.Equal("cannot ack messages with closed response ", errors[RequestType.ReQueueAll]);
        Assert.Equal("cannot requeue messages with closed response ", errors[RequestType.ReQueueRange]);
        Assert.Equal("cannot get active offsets with closed response ", errors[RequestType.ActiveOffsets]);
    }

    [Fact]
    public async Task Unknown_transaction_id_is_reported_as_not_found()
    {
        await using var kit = await StartAsync();
        using var stream = DownstreamCall.Open(kit.Client);

        await stream.SettleAsync(RequestType.AckAll, "no-such-transaction");
        var ack = await stream.ReadAsync();
        var status = await stream.StatusAsync("no-such-transaction");

        Assert.Equal("transaction is completed or transaction id not found", ack.Error);
        Assert.Equal("no-such-transaction", ack.TransactionId);
        Assert.Equal(RequestType.AckAll, ack.RequestTypeData);
        Assert.Equal("transaction is completed or transaction id not found", status.Error);
    }

    [Fact]
    public async Task Transaction_status_answers_whether_the_transaction_is_open()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("down.status", "1");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.status", maxItems: 1);
        var open = await stream.StatusAsync(get.TransactionId);
        await stream.SettleAsync(RequestType.AckAll, get.TransactionId);
        var closed = await stream.StatusAsync(get.TransactionId);

        Assert.False(open.IsError, open.Error);
        Assert.Equal(RequestType.TransactionStatus, open.RequestTypeData);
        Assert.Equal(get.TransactionId, open.TransactionId);
        Assert.False(open.TransactionComplete);
        Assert.True(closed.TransactionComplete);
    }

    [Fact]
    public async Task Close_by_client_returns_messages_in_place_with_the_same_sequence()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.close", "1", "2");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.close", maxItems: 1);
        await stream.SettleAsync(RequestType.CloseByClient, get.TransactionId);
        var again = await stream.GetAsync("down.close", maxItems: 2);

        Assert.Equal(["1", "2"], again.Messages.Select(Text));
        Assert.Equal([1ul, 2ul], again.Messages.Select(m => m.Attributes.Sequence));
        Assert.Equal([2, 1], again.Messages.Select(m => m.Attributes.ReceiveCount));
    }

    [Fact]
    public async Task Closed_stream_returns_its_unacked_messages_in_place()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.drop", "1", "2");
        using (var stream = DownstreamCall.Open(kit.Client))
        {
            var get = await stream.GetAsync("down.drop", maxItems: 2);
            Assert.Equal(2, get.Messages.Count);
        }

        await EventuallyAsync(async () => (await kit.InfoAsync("down.drop"))!.Waiting == 2, "the messages are back");
        var again = await kit.ReceiveAsync("down.drop", 2);
        Assert.Equal([1ul, 2ul], again.Select(m => m.Attributes.Sequence));
    }

    [Fact]
    public async Task Aborted_streams_return_their_unacked_messages()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("down.abort", "1");
        using var stream = DownstreamCall.Open(kit.Client);
        await stream.GetAsync("down.abort", maxItems: 1);

        Assert.True(kit.Broker.AbortOpenStreams() >= 1);

        Assert.Equal("1", Text(Assert.Single(await kit.ReceiveAsync("down.abort", 1))));
    }

    [Fact]
    public async Task Broker_shutdown_sends_close_by_server_and_returns_unacked_messages()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("down.shutdown", "1", "2");
        using var stream = DownstreamCall.Open(kit.Client);
        await stream.GetAsync("down.shutdown", maxItems: 2);

        var stopping = kit.Broker.StopAsync();
        var close = await stream.ReadAsync();
        await stopping;

        Assert.Equal(RequestType.CloseByServer, close.RequestTypeData);
        var stats = kit.Broker.Runtime.Engines.Queues.GetOrCreate("down.shutdown").Statistics();
        Assert.Equal(2, stats.Waiting);
        Assert.Equal(0, stats.InFlight);
    }

    [Fact]
    public async Task Unknown_request_type_is_answered_with_request_unknown()
    {
        await using var kit = await StartAsync();
        using var stream = DownstreamCall.Open(kit.Client);

        await stream.SendAsync(new QueuesDownstreamRequest { RequestID = "r", ClientID = "c", RequestTypeData = RequestType.PollRequestTypeUnknown });
        var response = await stream.ReadAsync();

        Assert.True(response.IsError);
        Assert.Equal("request unknown", response.Error);
        Assert.Equal(RequestType.PollRequestTypeUnknown, response.RequestTypeData);
    }

    [Theory]
    [InlineData("", "down.v", "Error 101: invalid clientID value, cannot be empty")]
    [InlineData("c", "down v", "Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot")]
    public async Task Invalid_get_is_answered_with_an_error_and_a_new_transaction_id(string clientId, string channel, string expectedError)
    {
        await using var kit = await StartAsync();
        using var stream = DownstreamCall.Open(kit.Client);

        await stream.SendAsync(new QueuesDownstreamRequest { RequestID = "r", ClientID = clientId, Channel = channel, RequestTypeData = RequestType.Get, MaxItems = 1 });
        var response = await stream.ReadAsync();

        Assert.True(response.IsError);
        Assert.Equal(expectedError, response.Error);
        Assert.Equal(RequestType.Get, response.RequestTypeData);
        Assert.True(Guid.TryParse(response.TransactionId, out _));
    }

    [Fact]
    public async Task Requests_on_one_stream_are_answered_in_order_behind_a_pending_get()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("down.order", "only");
        using var stream = DownstreamCall.Open(kit.Client);

        // The Get waits for a second message that never comes; the status request queued behind it must wait too.
        await stream.SendAsync(new QueuesDownstreamRequest
        {
            RequestID = "get", ClientID = "c", Channel = "down.order", RequestTypeData = RequestType.Get, MaxItems = 2, WaitTimeout = 1000,
        });
        await stream.SettleAsync(RequestType.TransactionStatus, "unknown");
        var first = await stream.ReadAsync();
        var second = await stream.ReadAsync();

        Assert.Equal(RequestType.Get, first.RequestTypeData);
        Assert.Equal("only", Text(Assert.Single(first.Messages)));
        Assert.Equal(RequestType.TransactionStatus, second.RequestTypeData);
    }

    [Fact]
    public async Task Requeue_to_an_invalid_queue_name_is_refused_and_keeps_the_messages()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("down.requeue.bad", "1");
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.requeue.bad", maxItems: 1);
        await stream.SettleAsync(RequestType.ReQueueAll, get.TransactionId, requeueTo: "bad name");
        var refused = await stream.ReadAsync();
        var status = await stream.StatusAsync(get.TransactionId);

        Assert.Equal("Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot", refused.Error);
        Assert.False(status.TransactionComplete);
    }

    [Fact]
    public async Task Get_skips_expired_messages()
    {
        await using var kit = await StartAsync();
        var expiring = await kit.SendAsync("down.expired", "old", new QueueMessagePolicy { ExpirationSeconds = 1 });
        await kit.SendAsync("down.expired", "fresh");
        await PassedAsync(expiring.ExpirationAt);
        using var stream = DownstreamCall.Open(kit.Client);

        var get = await stream.GetAsync("down.expired", maxItems: 1);

        Assert.Equal("fresh", Text(Assert.Single(get.Messages)));
        Assert.Equal(1, (await kit.InfoAsync("down.expired"))!.Messages);
    }

    private static async Task<QueuesDownstreamResponse> AckAfterCloseAsync(DownstreamCall stream, string transactionId)
    {
        await stream.SettleAsync(RequestType.AckAll, transactionId);
        return await stream.ReadAsync();
    }
}

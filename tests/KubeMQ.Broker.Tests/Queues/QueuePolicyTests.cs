using KubeMQ.Grpc;
using static KubeMQ.Broker.Tests.Queues.QueueTestKit;
using RequestType = KubeMQ.Grpc.QueuesDownstreamRequestType;

namespace KubeMQ.Broker.Tests.Queues;

public sealed class QueuePolicyTests
{
    private const long NanosPerSecond = 1_000_000_000;

    [Fact]
    public async Task Delayed_message_is_parked_until_due_and_reports_its_times()
    {
        await using var kit = await StartAsync();
        var sent = await kit.SendAsync("policy.delay", "later", new QueueMessagePolicy { DelaySeconds = 1, ExpirationSeconds = 30 });
        var parked = await kit.InfoAsync("policy.delay");
        var row = kit.Broker.Runtime.Engines.Queues.Catalog.List().Single(r => r.Name == "policy.delay");

        var received = Assert.Single(await kit.ReceiveAsync("policy.delay", 1));

        Assert.Equal(sent.SentAt + NanosPerSecond, sent.DelayedTo);
        Assert.Equal(sent.SentAt + 31 * NanosPerSecond, sent.ExpirationAt);
        Assert.Equal(1, parked!.Messages);
        Assert.Equal(0, parked.Waiting);
        Assert.Equal(1, row.Incoming.Delayed);
        Assert.Equal("later", Text(received));
        Assert.True(received.Attributes.Timestamp >= sent.DelayedTo, "a delayed message enters the queue when its delay ends");
        Assert.Equal(sent.DelayedTo, received.Attributes.DelayedTo);
        Assert.Equal(sent.ExpirationAt, received.Attributes.ExpirationAt);
    }

    [Fact]
    public async Task Delay_does_not_count_toward_expiration()
    {
        await using var kit = await StartAsync();
        var sent = await kit.SendAsync("policy.delay.expiry", "x", new QueueMessagePolicy { DelaySeconds = 1, ExpirationSeconds = 1 });

        var response = await kit.Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            RequestID = "r", ClientID = "c", Channel = "policy.delay.expiry", MaxNumberOfMessages = 1, WaitTimeSeconds = 20,
        });

        Assert.Equal(sent.SentAt + 2 * NanosPerSecond, sent.ExpirationAt);
        Assert.Equal(1, response.MessagesReceived);
        Assert.Equal(0, response.MessagesExpired);
    }

    [Fact]
    public async Task Expired_messages_are_counted_and_not_returned()
    {
        await using var kit = await StartAsync();
        var expiring = await kit.SendAsync("policy.expire", "old", new QueueMessagePolicy { ExpirationSeconds = 1 });
        await kit.SendAsync("policy.expire", "fresh");
        await PassedAsync(expiring.ExpirationAt);

        var response = await kit.Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            RequestID = "r", ClientID = "c", Channel = "policy.expire", MaxNumberOfMessages = 1, WaitTimeSeconds = 10,
        });
        var row = kit.Broker.Runtime.Engines.Queues.Catalog.List().Single(r => r.Name == "policy.expire");

        Assert.Equal(expiring.SentAt + NanosPerSecond, expiring.ExpirationAt);
        Assert.Equal(["fresh"], response.Messages.Select(Text));
        Assert.Equal(1, response.MessagesExpired);
        Assert.Equal(1, row.Incoming.Expired);
        Assert.Equal(0, (await kit.InfoAsync("policy.expire"))!.Messages);
    }

    [Fact]
    public async Task Peek_drops_and_counts_expired_messages_too()
    {
        await using var kit = await StartAsync();
        var expiring = await kit.SendAsync("policy.peek.expire", "old", new QueueMessagePolicy { ExpirationSeconds = 1 });
        await kit.SendAsync("policy.peek.expire", "fresh");
        await PassedAsync(expiring.ExpirationAt);

        var response = await kit.Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            RequestID = "r", ClientID = "c", Channel = "policy.peek.expire", MaxNumberOfMessages = 1, WaitTimeSeconds = 10, IsPeak = true,
        });

        Assert.Equal(["fresh"], response.Messages.Select(Text));
        Assert.Equal(1, response.MessagesExpired);
    }

    [Fact]
    public async Task Message_exceeding_max_receive_count_moves_to_the_dead_letter_queue()
    {
        await using var kit = await StartAsync();
        var sent = await kit.SendAsync("policy.dlq", "poison", new QueueMessagePolicy { MaxReceiveCount = 2, MaxReceiveQueue = "policy.dlq.dead" });
        using var stream = DownstreamCall.Open(kit.Client);

        var first = await stream.GetAsync("policy.dlq", maxItems: 1);
        await stream.SettleAsync(RequestType.NackAll, first.TransactionId);
        var second = await stream.GetAsync("policy.dlq", maxItems: 1);
        await stream.SettleAsync(RequestType.NackAll, second.TransactionId);
        await stream.StatusAsync(second.TransactionId);

        var dead = Assert.Single(await kit.ReceiveAsync("policy.dlq.dead", 1));
        Assert.Equal(1, first.Messages[0].Attributes.ReceiveCount);
        Assert.Equal(2, second.Messages[0].Attributes.ReceiveCount);
        Assert.Equal("poison", Text(dead));
        Assert.Equal(sent.MessageID, dead.MessageID);
        Assert.True(dead.Attributes.ReRouted);
        Assert.Equal("policy.dlq", dead.Attributes.ReRoutedFromQueue);
        Assert.Equal(1, dead.Attributes.ReceiveCount);
        Assert.Equal(1ul, dead.Attributes.Sequence);
        Assert.Equal(0, dead.Policy.MaxReceiveCount);
        Assert.Equal("", dead.Policy.MaxReceiveQueue);
        Assert.Equal(0, (await kit.InfoAsync("policy.dlq"))!.Messages);
    }

    [Fact]
    public async Task Message_exceeding_max_receive_count_without_a_dead_letter_queue_is_discarded()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("policy.discard", "poison", new QueueMessagePolicy { MaxReceiveCount = 1 });
        using var stream = DownstreamCall.Open(kit.Client);

        var first = await stream.GetAsync("policy.discard", maxItems: 1);
        await stream.SettleAsync(RequestType.NackAll, first.TransactionId);
        await stream.StatusAsync(first.TransactionId);

        var info = await kit.InfoAsync("policy.discard");
        Assert.Equal(0, info!.Messages);
        Assert.Equal(0, info.Bytes);
        Assert.Single(first.Messages);
    }

    [Fact]
    public async Task Returned_message_that_used_its_deliveries_is_dead_lettered_on_the_next_receive()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("policy.return", "poison", new QueueMessagePolicy { MaxReceiveCount = 1, MaxReceiveQueue = "policy.return.dead" });
        using (var stream = DownstreamCall.Open(kit.Client))
        {
            var first = await stream.GetAsync("policy.return", maxItems: 1);
            await stream.SettleAsync(RequestType.CloseByClient, first.TransactionId);
            var second = await stream.GetAsync("policy.return", maxItems: 1, waitMs: 1000);
            Assert.Empty(second.Messages);
        }

        var dead = Assert.Single(await kit.ReceiveAsync("policy.return.dead", 1));
        Assert.True(dead.Attributes.ReRouted);
    }

    [Fact]
    public async Task Max_receive_count_zero_means_the_broker_maximum()
    {
        await using var kit = await StartAsync(new KubeMQBrokerOptions { QueueMaxReceiveCount = 3 });
        await kit.SendAsync("policy.zero", "x", new QueueMessagePolicy { MaxReceiveCount = 0, MaxReceiveQueue = "policy.zero.dead" });
        using var stream = DownstreamCall.Open(kit.Client);

        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var get = await stream.GetAsync("policy.zero", maxItems: 1);
            counts.Add(get.Messages.Single().Attributes.ReceiveCount);
            await stream.SettleAsync(RequestType.NackAll, get.TransactionId);
        }

        Assert.Equal([1, 2, 3], counts);
        Assert.True(Assert.Single(await kit.ReceiveAsync("policy.zero.dead", 1)).Attributes.ReRouted);
    }

    [Fact]
    public async Task Rejected_legacy_message_follows_the_dead_letter_policy()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("policy.legacy", "poison", new QueueMessagePolicy { MaxReceiveCount = 1, MaxReceiveQueue = "policy.legacy.dead" });
        using var call = kit.Client.StreamQueueMessage();

        await call.RequestStream.WriteAsync(new StreamQueueMessagesRequest
        {
            RequestID = "1", ClientID = "c", Channel = "policy.legacy", StreamRequestTypeData = StreamRequestType.ReceiveMessage, WaitTimeSeconds = 10,
        });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await call.RequestStream.WriteAsync(new StreamQueueMessagesRequest { RequestID = "2", ClientID = "c", StreamRequestTypeData = StreamRequestType.RejectMessage });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal("policy.legacy", Assert.Single(await kit.ReceiveAsync("policy.legacy.dead", 1)).Attributes.ReRoutedFromQueue);
    }

    [Fact]
    public async Task Queue_is_first_in_first_out_across_producers()
    {
        await using var kit = await StartAsync();
        var request = new QueueMessagesBatchRequest();
        for (var i = 0; i < 50; i++)
            request.Messages.Add(Message("policy.fifo", $"{i}"));
        await kit.Client.SendQueueMessagesBatchAsync(request);
        await kit.SendAsync("policy.fifo", "50");

        var received = await kit.ReceiveAsync("policy.fifo", 51);

        Assert.Equal(Enumerable.Range(0, 51).Select(i => $"{i}"), received.Select(Text));
    }
}

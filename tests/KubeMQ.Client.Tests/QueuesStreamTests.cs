using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class QueuesStreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task SendAsync(KubeMQClient client, string queue, params string[] bodies)
    {
        var results = await client.SendQueueMessagesAsync([.. bodies.Select(b => new QueueMessage { Channel = queue, Body = TestClient.Utf8(b) })]);
        Assert.All(results, r => Assert.False(r.IsError, r.Error));
    }

    private static Task<QueuePollResult> PollAsync(KubeMQClient client, string queue, int maxItems, bool autoAck = false) =>
        client.PollQueueAsync(new QueuePollRequest { Channel = queue, MaxItems = maxItems, WaitTimeout = Wait, AutoAck = autoAck });

    private static IEnumerable<string> Bodies(QueuePollResult result) => result.Messages.Select(m => TestClient.Text(m.Body));

    [Fact]
    public async Task Upstream_sends_batches_with_per_message_results()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        await using var upstream = await client.CreateQueueUpstreamAsync();

        var batches = await Task.WhenAll(
            upstream.SendAsync([new QueueMessage { Channel = queue, Id = "a", Body = TestClient.Utf8("a") }, new QueueMessage { Channel = queue, Id = "b", Body = TestClient.Utf8("b") }]),
            upstream.SendAsync([new QueueMessage { Channel = queue, Id = "c", Body = TestClient.Utf8("c") }]));
        await using var polled = await PollAsync(client, queue, 3);

        Assert.Equal(["a", "b"], batches[0].Select(r => r.Id));
        Assert.Equal(["c"], batches[1].Select(r => r.Id));
        Assert.All(batches.SelectMany(b => b), r => Assert.False(r.IsError));
        Assert.Equal(3, polled.Messages.Count);
    }

    [Fact]
    public async Task Ack_all_settles_the_transaction_and_removes_the_messages()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        await SendAsync(client, queue, "a", "b");

        await using var polled = await PollAsync(client, queue, 2);
        Assert.True(polled.IsTransactionOpen);
        Assert.False(string.IsNullOrEmpty(polled.TransactionId));
        await polled.AckAllAsync();

        Assert.False(polled.IsTransactionOpen);
        Assert.False(await polled.GetTransactionStatusAsync());
        Assert.Empty((await client.PeekQueueMessagesAsync(queue)).Messages);
    }

    [Fact]
    public async Task Ack_range_settles_only_the_listed_sequences_and_nack_range_redelivers_the_rest_with_a_higher_receive_count()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        await SendAsync(client, queue, "a", "b", "c");

        await using var polled = await PollAsync(client, queue, 3);
        var sequences = polled.Messages.Select(m => m.Sequence).ToArray();
        await polled.AckRangeAsync([sequences[0], sequences[2]]);
        var active = await polled.GetActiveOffsetsAsync();
        var openAfterAck = await polled.GetTransactionStatusAsync();
        await polled.NackRangeAsync([sequences[1]]);
        await using var again = await PollAsync(client, queue, 1);

        Assert.Equal([sequences[1]], active);
        Assert.True(openAfterAck);
        Assert.False(polled.IsTransactionOpen);
        var redelivered = Assert.Single(again.Messages);
        Assert.Equal("b", TestClient.Text(redelivered.Body));
        Assert.Equal(2, redelivered.ReceiveCount);
        Assert.True(redelivered.Sequence > sequences[2]);
    }

    [Fact]
    public async Task Nack_all_redelivers_every_message_and_max_receive_count_moves_it_to_the_dead_letter_queue()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        var dead = TestClient.Channel("dead");
        await client.SendQueueMessageAsync(new QueueMessage
        {
            Channel = queue, Body = TestClient.Utf8("poison"), Policy = new QueueDeliveryPolicy { MaxReceiveCount = 2, DeadLetterQueue = dead },
        });

        await using (var first = await PollAsync(client, queue, 1))
        {
            Assert.Equal(1, Assert.Single(first.Messages).ReceiveCount);
            await first.NackAllAsync();
        }
        await using (var second = await PollAsync(client, queue, 1))
        {
            Assert.Equal(2, Assert.Single(second.Messages).ReceiveCount);
            await second.NackAllAsync();
        }
        var deadLetters = await client.ReceiveQueueMessagesAsync(dead, waitTimeout: Wait);

        var deadLetter = Assert.Single(deadLetters.Messages);
        Assert.Equal("poison", TestClient.Text(deadLetter.Body));
        Assert.True(deadLetter.ReRouted);
        Assert.Equal(queue, deadLetter.ReRoutedFromQueue);
        Assert.Empty((await client.PeekQueueMessagesAsync(queue)).Messages);
    }

    [Fact]
    public async Task Requeue_all_and_requeue_range_move_messages_to_another_queue()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        var other = TestClient.Channel("other");
        await SendAsync(client, queue, "a", "b", "c");

        await using var polled = await PollAsync(client, queue, 3);
        await polled.RequeueRangeAsync([polled.Messages[0].Sequence], other);
        Assert.True(polled.IsTransactionOpen);
        await polled.RequeueAllAsync(other);
        var moved = await client.ReceiveQueueMessagesAsync(other, maxMessages: 3, waitTimeout: Wait);

        Assert.False(polled.IsTransactionOpen);
        Assert.Equal(["a", "b", "c"], moved.Messages.Select(m => TestClient.Text(m.Body)));
        Assert.Empty((await client.PeekQueueMessagesAsync(queue)).Messages);
    }

    [Fact]
    public async Task Disposing_an_unsettled_poll_returns_its_messages_in_place()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        await SendAsync(client, queue, "a");

        ulong sequence;
        await using (var polled = await PollAsync(client, queue, 1))
            sequence = Assert.Single(polled.Messages).Sequence;
        await using var again = await PollAsync(client, queue, 1);

        Assert.Equal(sequence, Assert.Single(again.Messages).Sequence);
    }

    [Fact]
    public async Task Auto_ack_and_empty_polls_have_no_open_transaction()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        await SendAsync(client, queue, "a", "b");

        await using var auto = await PollAsync(client, queue, 2, autoAck: true);
        await using var empty = await client.PollQueueAsync(new QueuePollRequest { Channel = queue, MaxItems = 1, WaitTimeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(["a", "b"], Bodies(auto));
        Assert.False(auto.IsTransactionOpen);
        Assert.Empty(empty.Messages);
        Assert.False(empty.IsTransactionOpen);
        await Assert.ThrowsAsync<KubeMQValidationException>(() => auto.AckAllAsync());
    }

    [Fact]
    public async Task A_settlement_the_broker_refuses_throws_its_error_text()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        await SendAsync(client, queue, "a");

        await using var polled = await PollAsync(client, queue, 1);
        var error = await Assert.ThrowsAsync<KubeMQRemoteException>(() => polled.AckRangeAsync([polled.Messages[0].Sequence + 100]));

        Assert.Contains("invalid ack sequence id", error.ServerError, StringComparison.Ordinal);
        Assert.True(await polled.GetTransactionStatusAsync());
    }

    [Fact]
    public async Task A_pending_poll_is_cancellable_and_a_message_arriving_later_is_not_lost()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        using var cancel = new CancellationTokenSource();

        var pending = client.PollQueueAsync(new QueuePollRequest { Channel = queue, MaxItems = 1, WaitTimeout = TimeSpan.FromMinutes(5) }, cancel.Token);
        await Eventually.TrueAsync(() => client.PendingQueuePolls == 1, "the poll is waiting on the broker");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.WithinAsync(pending, "the cancelled poll to end"));

        // The broker still holds the abandoned poll open and hands it the next message: the client must give it back.
        await SendAsync(client, queue, "late");
        await using var next = await PollAsync(client, queue, 1);
        Assert.Equal(["late"], Bodies(next));
        await Eventually.TrueAsync(() => client.PendingQueuePolls == 0, "the abandoned poll's answer has been released");
    }

    [Fact]
    public async Task Poll_requests_out_of_range_are_refused_before_sending()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var items = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.PollQueueAsync(new QueuePollRequest { Channel = "q", MaxItems = 0 }));
        var wait = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.PollQueueAsync(new QueuePollRequest { Channel = "q", WaitTimeout = TimeSpan.FromMilliseconds(10) }));
        var channel = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.PollQueueAsync(new QueuePollRequest { Channel = "q.*" }));

        Assert.Equal("QueuePollRequest.MaxItems", items.Field);
        Assert.Equal("QueuePollRequest.WaitTimeout", wait.Field);
        Assert.Equal("QueuePollRequest.Channel", channel.Field);
    }
}

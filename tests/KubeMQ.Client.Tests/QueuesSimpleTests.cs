using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class QueuesSimpleTests
{
    private static QueueMessage Message(string channel, string body, QueueDeliveryPolicy? policy = null) =>
        new() { Channel = channel, Body = TestClient.Utf8(body), Policy = policy };

    [Fact]
    public async Task A_sent_message_is_received_once_with_its_attributes()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");

        var sent = await client.SendQueueMessageAsync(new QueueMessage
        {
            Channel = queue, Id = "m-1", Body = TestClient.Utf8("job"), Metadata = "meta", Tags = new Dictionary<string, string> { ["k"] = "v" },
        });
        var received = await client.ReceiveQueueMessagesAsync(queue, maxMessages: 1, waitTimeout: TimeSpan.FromSeconds(10));

        Assert.False(sent.IsError, sent.Error);
        Assert.Equal("m-1", sent.Id);
        var message = Assert.Single(received.Messages);
        Assert.Equal("m-1", message.Id);
        Assert.Equal(queue, message.Channel);
        Assert.Equal("job", TestClient.Text(message.Body));
        Assert.Equal("meta", message.Metadata);
        Assert.Equal("v", message.Tags["k"]);
        Assert.Equal(1UL, message.Sequence);
        Assert.Equal(1, message.ReceiveCount);
        Assert.False(message.ReRouted);
        Assert.Empty((await client.ReceiveQueueMessagesAsync(queue)).Messages);
    }

    [Fact]
    public async Task A_batch_is_sent_in_order_with_one_result_per_message()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");

        var results = await client.SendQueueMessagesAsync([Message(queue, "a"), Message(queue, "b"), Message(queue, "c")]);
        var received = await client.ReceiveQueueMessagesAsync(queue, maxMessages: 3, waitTimeout: TimeSpan.FromSeconds(10));

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.False(r.IsError));
        Assert.Equal(["a", "b", "c"], received.Messages.Select(m => TestClient.Text(m.Body)));
    }

    [Fact]
    public async Task Peek_leaves_the_messages_in_the_queue()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");
        await client.SendQueueMessagesAsync([Message(queue, "a"), Message(queue, "b")]);

        var peeked = await client.PeekQueueMessagesAsync(queue, maxMessages: 2, waitTimeout: TimeSpan.FromSeconds(10));
        var received = await client.ReceiveQueueMessagesAsync(queue, maxMessages: 2, waitTimeout: TimeSpan.FromSeconds(10));

        Assert.Equal(["a", "b"], peeked.Messages.Select(m => TestClient.Text(m.Body)));
        Assert.Equal(["a", "b"], received.Messages.Select(m => TestClient.Text(m.Body)));
    }

    [Fact]
    public async Task Ack_all_and_purge_remove_every_waiting_message_and_report_how_many()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var first = TestClient.Channel("q");
        var second = TestClient.Channel("q");
        await client.SendQueueMessagesAsync([Message(first, "a"), Message(first, "b"), Message(second, "c")]);

        var acked = await client.AckAllQueueMessagesAsync(first);
        var purged = await client.PurgeQueueAsync(second);

        Assert.Equal(2, acked);
        Assert.Equal(1, purged);
        Assert.Empty((await client.PeekQueueMessagesAsync(first)).Messages);
        Assert.Empty((await client.PeekQueueMessagesAsync(second)).Messages);
    }

    [Fact]
    public async Task A_delayed_message_carries_its_delay_and_is_delivered_after_it()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");

        var sent = await client.SendQueueMessageAsync(Message(queue, "later", new QueueDeliveryPolicy { Delay = TimeSpan.FromSeconds(3) }));
        var early = await client.PeekQueueMessagesAsync(queue);
        var received = await client.ReceiveQueueMessagesAsync(queue, waitTimeout: TimeSpan.FromSeconds(20));

        Assert.NotNull(sent.DelayedTo);
        Assert.True(sent.DelayedTo > sent.SentAt);
        Assert.Empty(early.Messages);
        Assert.Equal("later", TestClient.Text(Assert.Single(received.Messages).Body));
    }

    [Fact]
    public async Task An_expiring_message_carries_its_expiry()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("q");

        var sent = await client.SendQueueMessageAsync(Message(queue, "soon", new QueueDeliveryPolicy { Expiration = TimeSpan.FromMinutes(5) }));
        var received = Assert.Single((await client.ReceiveQueueMessagesAsync(queue, waitTimeout: TimeSpan.FromSeconds(10))).Messages);

        Assert.NotNull(sent.ExpiresAt);
        Assert.InRange(sent.ExpiresAt.Value - sent.SentAt, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
        Assert.Equal(sent.ExpiresAt, received.ExpiresAt);
    }

    [Theory]
    [InlineData(43_201, null, null, "QueueMessage.Policy.Delay")]
    [InlineData(null, 43_201, null, "QueueMessage.Policy.Expiration")]
    [InlineData(null, -1, null, "QueueMessage.Policy.Expiration")]
    [InlineData(null, null, 1025, "QueueMessage.Policy.MaxReceiveCount")]
    [InlineData(null, null, -1, "QueueMessage.Policy.MaxReceiveCount")]
    public async Task Delivery_policies_out_of_range_are_refused_before_sending(int? delaySeconds, int? expirationSeconds, int? maxReceiveCount, string field)
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var policy = new QueueDeliveryPolicy
        {
            Delay = delaySeconds is { } d ? TimeSpan.FromSeconds(d) : null,
            Expiration = expirationSeconds is { } e ? TimeSpan.FromSeconds(e) : null,
            MaxReceiveCount = maxReceiveCount,
        };

        var error = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.SendQueueMessageAsync(Message("q", "x", policy)));

        Assert.Equal(field, error.Field);
        Assert.Contains("between", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_dead_letter_queue_names_and_receive_limits_are_refused_before_sending()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var deadLetter = await Assert.ThrowsAsync<KubeMQValidationException>(() =>
            client.SendQueueMessageAsync(Message("q", "x", new QueueDeliveryPolicy { MaxReceiveCount = 1, DeadLetterQueue = "dead letters" })));
        var tooMany = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.ReceiveQueueMessagesAsync("q", maxMessages: 1025));
        var emptyBatch = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.SendQueueMessagesAsync([]));

        Assert.Equal("QueueMessage.Policy.DeadLetterQueue", deadLetter.Field);
        Assert.Equal("maxMessages", tooMany.Field);
        Assert.Equal("messages", emptyBatch.Field);
    }

    [Fact]
    public async Task Queue_statistics_report_each_queue_and_can_be_narrowed_to_one()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var first = TestClient.Channel("stats");
        var second = TestClient.Channel("stats");
        await client.SendQueueMessagesAsync([Message(first, "a"), Message(first, "b"), Message(second, "c")]);

        var all = await client.GetQueuesInfoAsync();
        var one = await client.GetQueuesInfoAsync(first);

        Assert.Contains(all.Queues, q => q.Name == first);
        Assert.Contains(all.Queues, q => q.Name == second);
        var stats = Assert.Single(one.Queues);
        Assert.Equal(first, stats.Name);
        Assert.Equal(2, stats.Messages);
        Assert.Equal(2, stats.Sent);
        Assert.Equal(2, stats.LastSequence);
    }
}

using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class QueueTransactionTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task SendAsync(KubeMQClient client, string queue, string body)
    {
        var result = await client.SendQueueMessageAsync(new QueueMessage { Channel = queue, Body = TestClient.Utf8(body) });
        Assert.False(result.IsError, result.Error);
    }

    [Fact]
    public async Task An_acked_message_leaves_the_queue()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("tx");
        await SendAsync(client, queue, "a");

        await using var transaction = await client.ReceiveQueueMessageTransactionAsync(queue, Visibility, Wait);
        Assert.NotNull(transaction);
        await transaction.AckAsync();

        Assert.Equal("a", TestClient.Text(transaction.Message.Body));
        Assert.True(transaction.IsSettled);
        Assert.Empty((await client.PeekQueueMessagesAsync(queue)).Messages);
        await Assert.ThrowsAsync<KubeMQValidationException>(() => transaction.RejectAsync());
    }

    [Fact]
    public async Task A_rejected_message_is_redelivered_with_a_higher_receive_count()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("tx");
        await SendAsync(client, queue, "a");

        await using (var first = await client.ReceiveQueueMessageTransactionAsync(queue, Visibility, Wait))
            await first!.RejectAsync();
        await using var second = await client.ReceiveQueueMessageTransactionAsync(queue, Visibility, Wait);

        Assert.NotNull(second);
        Assert.Equal(2, second.Message.ReceiveCount);
    }

    [Fact]
    public async Task Extended_visibility_then_resend_moves_the_message_and_resend_modified_replaces_it()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("tx");
        var other = TestClient.Channel("tx-other");
        await SendAsync(client, queue, "a");
        await SendAsync(client, queue, "b");

        await using (var first = await client.ReceiveQueueMessageTransactionAsync(queue, Visibility, Wait))
        {
            await first!.ExtendVisibilityAsync(TimeSpan.FromMinutes(2));
            await first.ResendAsync(other);
        }
        await using (var second = await client.ReceiveQueueMessageTransactionAsync(queue, Visibility, Wait))
            await second!.ResendModifiedAsync(new QueueMessage { Channel = other, Body = TestClient.Utf8("b-modified") });
        var moved = await client.ReceiveQueueMessagesAsync(other, maxMessages: 2, waitTimeout: Wait);

        Assert.Equal(["a", "b-modified"], moved.Messages.Select(m => TestClient.Text(m.Body)));
        Assert.Empty((await client.PeekQueueMessagesAsync(queue)).Messages);
    }

    [Fact]
    public async Task An_empty_queue_gives_no_transaction_and_an_unsettled_one_returns_its_message_when_disposed()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("tx");

        var none = await client.ReceiveQueueMessageTransactionAsync(queue, Visibility, TimeSpan.FromSeconds(1));
        await SendAsync(client, queue, "a");
        await using (var held = await client.ReceiveQueueMessageTransactionAsync(queue, Visibility, Wait))
            Assert.NotNull(held);
        var back = await client.ReceiveQueueMessagesAsync(queue, waitTimeout: Wait);

        Assert.Null(none);
        Assert.Equal("a", TestClient.Text(Assert.Single(back.Messages).Body));
    }

    [Fact]
    public async Task When_the_visibility_timer_runs_out_the_message_returns_and_settling_fails_with_the_brokers_error()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("tx");
        await SendAsync(client, queue, "a");

        await using var transaction = await client.ReceiveQueueMessageTransactionAsync(queue, TimeSpan.FromSeconds(1), Wait);
        var back = await client.ReceiveQueueMessagesAsync(queue, waitTimeout: TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<KubeMQRemoteException>(() => transaction!.AckAsync());

        Assert.Equal("a", TestClient.Text(Assert.Single(back.Messages).Body));
        Assert.StartsWith("Error 129", error.ServerError, StringComparison.Ordinal);
    }
}

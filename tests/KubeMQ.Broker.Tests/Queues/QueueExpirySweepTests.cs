using KubeMQ.Grpc;
using static KubeMQ.Broker.Tests.Queues.QueueTestKit;

namespace KubeMQ.Broker.Tests.Queues;

/// <summary>Expired messages that nobody receives are swept after the retention, so abandoned queues drain.</summary>
public sealed class QueueExpirySweepTests
{
    [Fact]
    public async Task An_expired_message_nobody_receives_is_swept_and_counted_as_expired()
    {
        await using var kit = await StartAsync(new KubeMQBrokerOptions
        {
            QueueExpiredRetention = TimeSpan.Zero,
            QueueExpirySweepInterval = TimeSpan.FromMilliseconds(100),
        });
        await kit.SendAsync("sweep.expiring", "short-lived", new QueueMessagePolicy { ExpirationSeconds = 1 });
        await kit.SendAsync("sweep.expiring", "long-lived", new QueueMessagePolicy { ExpirationSeconds = 3600 });

        var info = await SweptAsync(kit, "sweep.expiring", remaining: 1);

        Assert.Equal(2, info.Sent);
        var stats = kit.Broker.Runtime.Engines.Queues.GetOrCreate("sweep.expiring").Statistics();
        Assert.Equal(1, stats.Expired);
        var left = await kit.ReceiveAsync("sweep.expiring", 1);
        Assert.Equal(["long-lived"], left.Select(m => m.Body.ToStringUtf8()));
    }

    [Fact]
    public async Task Within_the_retention_an_expired_message_is_still_reported_by_the_next_receive()
    {
        await using var kit = await StartAsync(new KubeMQBrokerOptions
        {
            QueueExpiredRetention = TimeSpan.FromHours(1),
            QueueExpirySweepInterval = TimeSpan.FromMilliseconds(50),
        });
        var sent = await kit.SendAsync("sweep.retained", "old", new QueueMessagePolicy { ExpirationSeconds = 1 });
        await Eventually.HoldsAsync(() => kit.Broker.Runtime.UnixNanosNow() > sent.ExpirationAt, "the message expires");

        var response = await kit.Client.ReceiveQueueMessagesAsync(new ReceiveQueueMessagesRequest
        {
            ClientID = "sweep-receiver",
            Channel = "sweep.retained",
            MaxNumberOfMessages = 1,
            WaitTimeSeconds = 1,
        });

        Assert.Equal(1, response.MessagesExpired);
        Assert.Empty(response.Messages);
    }

    private static async Task<QueueInfo> SweptAsync(QueueTestKit kit, string queue, long remaining)
    {
        var deadline = DateTime.UtcNow + Eventually.Patience;
        while (true)
        {
            var info = (await kit.Client.QueuesInfoAsync(new QueuesInfoRequest { QueueName = queue })).Info.Queues.Single();
            if (info.Messages == remaining)
                return info;
            Assert.True(DateTime.UtcNow < deadline, $"{queue} still holds {info.Messages} messages, expected {remaining} after the sweep");
            await Task.Delay(20);
        }
    }
}

using System.Text;
using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed.Tests.Contracts;
using KubeMQ.Typed.Tests.Support;

namespace KubeMQ.Typed.Tests;

public sealed class QueueContractTests
{
    [Fact]
    public async Task Consumer_handles_every_message_once_and_acks_it_with_batches_and_concurrency()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddImageJobsClient()
            .AddImageJobsConsumer<Resizer>(o =>
            {
                o.Concurrency = 2;
                o.BatchSize = 5;
            }));
        IReadOnlyList<(string Image, int ReceiveCount)> handled;
        try
        {
            var jobs = host.Get<IImageJobs>();
            for (var i = 0; i < 10; i++)
                await jobs.Resize(new ResizeJob($"image-{i}.png", 100 + i));

            handled = await host.Recorder.WaitForAsync<(string, int)>("resize", 10);
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"image-{i}.png").ToHashSet(), handled.Select(h => h.Image).ToHashSet());
        Assert.All(handled, h => Assert.Equal(1, h.ReceiveCount));
        // Acked messages are gone: with the consumer stopped, nothing is left to receive.
        await using var raw = TypedHost.RawClient(broker);
        var left = await raw.ReceiveQueueMessagesAsync("typed.jobs.images", 10, TimeSpan.FromSeconds(1));
        Assert.Empty(left.Messages);
    }

    [Fact]
    public async Task Failing_handler_nacks_until_the_broker_dead_letters_the_message()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddImageJobsClient()
            .AddImageJobsConsumer<Resizer>());
        await using var raw = TypedHost.RawClient(broker);

        await host.Get<IImageJobs>().Resize(new ResizeJob("poison-1", 10));

        // MaxReceiveCount = 2 on the contract: two deliveries, then the dead-letter queue.
        var dead = await raw.ReceiveQueueMessagesAsync("typed.jobs.images.dead", 1, TimeSpan.FromSeconds(20));
        var message = Assert.Single(dead.Messages);
        Assert.True(message.ReRouted);
        Assert.Equal("typed.jobs.images", message.ReRoutedFromQueue);
        Assert.Equal("Resize", message.Metadata);
        Assert.Equal("""{"Image":"poison-1","Width":10}""", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal([("poison-1", 1), ("poison-1", 2)], host.Recorder.Get<(string, int)>("resize"));
    }

    [Fact]
    public async Task Unreadable_message_from_a_raw_client_is_dead_lettered_and_the_consumer_goes_on()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddImageJobsClient()
            .AddImageJobsConsumer<Resizer>());
        await using var raw = TypedHost.RawClient(broker);
        var policy = new QueueDeliveryPolicy { MaxReceiveCount = 2, DeadLetterQueue = "typed.jobs.images.dead" };

        await raw.SendQueueMessageAsync(new QueueMessage { Channel = "typed.jobs.images", Metadata = "Resize", Body = "{not json"u8.ToArray(), Policy = policy });
        await raw.SendQueueMessageAsync(new QueueMessage { Channel = "typed.jobs.images", Metadata = "Crop", Body = "{}"u8.ToArray(), Policy = policy });
        await host.Get<IImageJobs>().Resize(new ResizeJob("fine.png", 1));

        var dead = await raw.ReceiveQueueMessagesAsync("typed.jobs.images.dead", 2, TimeSpan.FromSeconds(20));
        Assert.Equal(["Crop", "Resize"], dead.Messages.Select(m => m.Metadata).Order());
        Assert.Equal([("fine.png", 1)], await host.Recorder.WaitForAsync<(string, int)>("resize", 1));
    }
}

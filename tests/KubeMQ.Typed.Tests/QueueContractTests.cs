using System.Text;
using KubeMQ.Broker;
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
}

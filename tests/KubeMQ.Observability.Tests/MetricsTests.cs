using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Observability.Tests.Support;

namespace KubeMQ.Observability.Tests;

public sealed class MetricsTests
{
    private const string Jobs = "obs.jobs.counted";

    [Fact]
    public async Task Sent_and_consumed_message_counters_match_the_queue_messages_of_a_run()
    {
        using var metrics = new RecordedMeasurements(Jobs);
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await ObservedHost.StartAsync(broker, kubemq => kubemq.AddCountedJobsClient().AddCountedJobsConsumer<CountedRunner>());

        const int count = 5;
        for (var i = 0; i < count; i++)
            await host.Get<ICountedJobs>().Run(new Shipment($"job-{i}", i));
        await host.Seen.WaitForAsync("run", $"job-{count - 1}", Seen.Limit);
        await metrics.WaitUntilAsync(m => m.Sum("messaging.client.consumed.messages") >= count);

        Assert.Equal(count, metrics.Sum("messaging.client.sent.messages"));
        Assert.Equal(count, metrics.Sum("messaging.client.consumed.messages"));
        Assert.Equal(count, host.Seen.Get("run").Count);
        Assert.All(metrics.Of("messaging.client.sent.messages"), m =>
        {
            Assert.Equal("kubemq", m.Tags["messaging.system"]);
            Assert.Equal("queues", m.Tags["kubemq.pattern"]);
            Assert.False(m.Tags.ContainsKey("error.type"));
        });
        var durations = metrics.Of("messaging.client.operation.duration").Where(m => Equals(m.Tags["messaging.operation.name"], "send")).ToList();
        Assert.Equal(count, durations.Count);
        Assert.All(durations, m =>
        {
            Assert.Equal("s", m.Unit);
            Assert.True(m.Value >= 0);
        });
    }

    [Fact]
    public async Task Active_subscriptions_rise_while_a_responder_is_subscribed_and_fall_when_it_stops()
    {
        using var metrics = new RecordedMeasurements("obs.queries.metered");
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var host = await ObservedHost.StartAsync(broker, kubemq => kubemq.AddMeteredQueriesResponder<MeteredDesk>());
        await host.WaitForResponderAsync("obs.queries.metered");
        await metrics.WaitUntilAsync(m => m.Sum("kubemq.client.active_subscriptions") >= 1);

        await host.DisposeAsync();

        await metrics.WaitUntilAsync(m => m.Sum("kubemq.client.active_subscriptions") == 0);
        Assert.Contains(metrics.Of("kubemq.client.active_subscriptions"), m => m.Value == 1 && Equals(m.Tags["kubemq.pattern"], "queries"));
        Assert.Contains(metrics.Of("kubemq.client.active_subscriptions"), m => m.Value == -1);
    }

    [Fact]
    public async Task Reconnect_attempts_are_counted_while_the_broker_is_gone_and_the_reconnection_when_it_is_back()
    {
        var clientId = $"reconnecting-{Guid.NewGuid():N}";
        using var metrics = new RecordedMeasurements("messaging.client.id", clientId);
        var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var port = broker.Address.Port;
        await using var client = new KubeMQClient(new KubeMQClientOptions
        {
            Address = ObservedHost.Address(broker),
            ClientId = clientId,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            Reconnect = new KubeMQReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
        });
        await client.PingAsync();

        await broker.DisposeAsync();
        await Assert.ThrowsAsync<KubeMQConnectionException>(() => client.PingAsync());
        await metrics.WaitUntilAsync(m => m.Sum("kubemq.client.reconnect.attempts") >= 2);
        Assert.Equal(0, metrics.Sum("kubemq.client.reconnections"));

        await using var back = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { Port = port });
        await metrics.WaitUntilAsync(m => m.Sum("kubemq.client.reconnections") == 1);

        Assert.Equal(KubeMQConnectionState.Connected, client.State);
        Assert.All(metrics.Of("kubemq.client.reconnect.attempts"), m => Assert.Equal("connection", m.Tags["kubemq.reconnect.target"]));
    }
}

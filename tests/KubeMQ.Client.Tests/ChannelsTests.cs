using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class ChannelsTests
{
    [Theory]
    [InlineData(ChannelType.Events)]
    [InlineData(ChannelType.EventsStore)]
    [InlineData(ChannelType.Commands)]
    [InlineData(ChannelType.Queries)]
    [InlineData(ChannelType.Queues)]
    public async Task Created_channels_are_listed_with_their_type_found_by_search_and_gone_after_delete(ChannelType type)
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var name = TestClient.Channel("managed");
        var other = TestClient.Channel("unrelated");

        await client.CreateChannelAsync(type, name);
        await client.CreateChannelAsync(type, other);
        var all = await client.ListChannelsAsync(type);
        var searched = await client.ListChannelsAsync(type, search: name[8..]);
        await client.DeleteChannelAsync(type, name);
        var afterDelete = await client.ListChannelsAsync(type);

        Assert.Contains(all, c => c.Name == name && c.Type == type);
        Assert.Contains(all, c => c.Name == other);
        Assert.Equal([name], searched.Select(c => c.Name));
        Assert.DoesNotContain(afterDelete, c => c.Name == name);
        Assert.Contains(afterDelete, c => c.Name == other);
    }

    [Fact]
    public async Task A_queue_in_use_is_listed_with_its_traffic()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var queue = TestClient.Channel("busy");
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await client.SendQueueMessagesAsync([new QueueMessage { Channel = queue, Body = new byte[10] }, new QueueMessage { Channel = queue, Body = new byte[10] }]);

        var listed = Assert.Single(await client.ListChannelsAsync(ChannelType.Queues, queue));

        Assert.Equal(2, listed.Incoming.Messages);
        Assert.True(listed.Incoming.Volume >= 20);
        Assert.InRange(listed.LastActivity, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Channel_names_are_validated_before_sending()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var error = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.CreateChannelAsync(ChannelType.Queues, "bad name"));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public async Task Ping_reports_the_brokers_host_version_and_start_time()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions { HostName = "test-host" });
        await using var client = TestClient.For(broker);

        var info = await client.PingAsync();

        Assert.Equal("test-host", info.Host);
        Assert.StartsWith("3.", info.Version, StringComparison.Ordinal);
        Assert.InRange(info.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(info.UpTime >= TimeSpan.Zero);
        Assert.Equal(KubeMQConnectionState.Connected, client.State);
    }
}

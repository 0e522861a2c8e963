using KubeMQ.Broker.Channels;
using KubeMQ.Grpc;
using static KubeMQ.Broker.Tests.Queues.QueueTestKit;

namespace KubeMQ.Broker.Tests.Queues;

public sealed class QueuesInfoTests
{
    [Fact]
    public async Task Queues_info_reports_each_queue_and_totals()
    {
        await using var kit = await StartAsync();
        await kit.SendManyAsync("info.a", "1", "22", "333");
        await kit.SendManyAsync("info.b", "x");
        await kit.ReceiveAsync("info.a", 1);
        using var stream = DownstreamCall.Open(kit.Client);
        await stream.GetAsync("info.a", maxItems: 1);

        var response = await kit.Client.QueuesInfoAsync(new QueuesInfoRequest { RequestID = "req-7" });

        Assert.Equal("req-7", response.RefRequestID);
        Assert.Equal(2, response.Info.TotalQueue);
        Assert.Equal(4, response.Info.Sent);
        Assert.Equal(2, response.Info.Delivered);
        Assert.Equal(2, response.Info.Waiting);
        var a = response.Info.Queues.Single(q => q.Name == "info.a");
        Assert.Equal(2, a.Messages);
        Assert.True(a.Bytes > 0);
        Assert.Equal(3, a.Sent);
        Assert.Equal(2, a.Delivered);
        Assert.Equal(1, a.Waiting);
        Assert.Equal(3, a.FirstSequence);
        Assert.Equal(3, a.LastSequence);
    }

    [Fact]
    public async Task Queues_info_filters_by_queue_name()
    {
        await using var kit = await StartAsync();
        await kit.SendAsync("info.one", "1");
        await kit.SendAsync("info.two", "2");

        var response = await kit.Client.QueuesInfoAsync(new QueuesInfoRequest { RequestID = "f", QueueName = "info.two" });

        Assert.Equal(1, response.Info.TotalQueue);
        Assert.Equal("info.two", Assert.Single(response.Info.Queues).Name);
    }

    [Fact]
    public async Task Channel_catalog_lists_creates_and_deletes_queues()
    {
        await using var kit = await StartAsync();
        var catalog = kit.Broker.Runtime.Catalogs.Single(c => c.Type == ChannelType.Queues);
        await kit.SendManyAsync("catalog.q", "1", "22");
        await kit.ReceiveAsync("catalog.q", 1);
        catalog.Create("catalog.empty");

        var rows = catalog.List();
        var q = rows.Single(r => r.Name == "catalog.q");
        var empty = rows.Single(r => r.Name == "catalog.empty");
        var deleted = catalog.Delete("catalog.q");
        var deletedAgain = catalog.Delete("catalog.q");

        Assert.Equal(ChannelType.Queues, q.Type);
        Assert.Equal(2, q.Incoming.Messages);
        Assert.True(q.Incoming.Volume > 0);
        Assert.Equal(1, q.Outgoing.Messages);
        Assert.Equal(1, q.Incoming.Waiting);
        Assert.Equal(0, q.Incoming.Expired);
        Assert.Equal(0, q.Incoming.Delayed);
        Assert.True(q.LastActivityUnixMs > 0);
        Assert.Equal(0, empty.Incoming.Messages);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.DoesNotContain(catalog.List(), r => r.Name == "catalog.q");
        Assert.Empty(await kit.ReceiveAsync("catalog.q", 1, waitSeconds: 1));
    }
}

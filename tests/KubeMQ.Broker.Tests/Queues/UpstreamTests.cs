using KubeMQ.Grpc;
using static KubeMQ.Broker.Tests.Queues.QueueTestKit;

namespace KubeMQ.Broker.Tests.Queues;

public sealed class UpstreamTests
{
    [Fact]
    public async Task Every_request_gets_exactly_one_response_correlated_by_request_id()
    {
        await using var kit = await StartAsync();
        using var call = kit.Client.QueuesUpstream();
        var ids = Enumerable.Range(0, 20).Select(i => $"req-{i}").ToList();

        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var request = new QueuesUpstreamRequest { RequestID = id };
            request.Messages.Add(Message("up.corr", $"m{i}-a"));
            request.Messages.Add(Message("up.corr", $"m{i}-b"));
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        var responses = new List<QueuesUpstreamResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
            responses.Add(call.ResponseStream.Current);

        Assert.Equal(ids.Order(), responses.Select(r => r.RefRequestID).Order());
        Assert.All(responses, r =>
        {
            Assert.False(r.IsError, r.Error);
            Assert.Equal(2, r.Results.Count);
            Assert.All(r.Results, result => Assert.False(result.IsError, result.Error));
        });
        Assert.Equal(40, (await kit.InfoAsync("up.corr"))!.Messages);
    }

    [Fact]
    public async Task Request_without_messages_is_answered_with_an_error()
    {
        await using var kit = await StartAsync();
        using var call = kit.Client.QueuesUpstream();

        await call.RequestStream.WriteAsync(new QueuesUpstreamRequest { RequestID = "empty" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var response = call.ResponseStream.Current;

        Assert.Equal("empty", response.RefRequestID);
        Assert.True(response.IsError);
        Assert.Equal("no messages to send", response.Error);
    }

    [Fact]
    public async Task Results_follow_message_order_with_validation_errors_per_message()
    {
        await using var kit = await StartAsync();
        using var call = kit.Client.QueuesUpstream();
        var request = new QueuesUpstreamRequest { RequestID = "mixed" };
        request.Messages.Add(Message("up.order", "one"));
        request.Messages.Add(Message("up order", "bad"));
        request.Messages.Add(Message("up.order", "three"));
        request.Messages[0].MessageID = "1";
        request.Messages[1].MessageID = "2";
        request.Messages[2].MessageID = "3";

        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var response = call.ResponseStream.Current;

        Assert.False(response.IsError);
        Assert.Equal(["1", "2", "3"], response.Results.Select(r => r.MessageID));
        Assert.Equal([false, true, false], response.Results.Select(r => r.IsError));
        Assert.StartsWith("Error 120:", response.Results[1].Error, StringComparison.Ordinal);
        Assert.Equal(["one", "three"], (await kit.ReceiveAsync("up.order", 2)).Select(Text));
    }
}

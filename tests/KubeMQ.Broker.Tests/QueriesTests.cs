using Google.Protobuf;
using Grpc.Core;
using KubeMQ.Grpc;
using RequestType = KubeMQ.Grpc.Request.Types.RequestType;
using SubscribeType = KubeMQ.Grpc.Subscribe.Types.SubscribeType;

namespace KubeMQ.Broker.Tests;

public sealed class QueriesTests
{
    private static Request Query(string channel, string body = "q") => new()
    {
        RequestID = Guid.NewGuid().ToString("N"),
        RequestTypeData = RequestType.Query,
        ClientID = "asker",
        Channel = channel,
        Body = ByteString.CopyFromUtf8(body),
        Timeout = 10_000,
    };

    [Fact]
    public async Task A_query_response_comes_back_whole_except_the_reply_channel()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Queries, "products", request => new Response
        {
            ClientID = "catalog",
            Executed = true,
            Metadata = "json",
            Body = ByteString.CopyFromUtf8("{\"id\":" + request.Body.ToStringUtf8() + "}"),
            Timestamp = 1_700_000_000_000_000_000,
            Span = ByteString.CopyFromUtf8("span"),
            Tags = { ["content-type"] = "application/json" },
        });

        var response = await kit.Client.SendRequestAsync(Query("products", "42"));

        Assert.True(response.Executed);
        Assert.Equal("catalog", response.ClientID);
        Assert.Equal("{\"id\":42}", response.Body.ToStringUtf8());
        Assert.Equal("json", response.Metadata);
        Assert.Equal(1_700_000_000_000_000_000, response.Timestamp);
        Assert.Equal("span", response.Span.ToStringUtf8());
        Assert.Equal("application/json", response.Tags["content-type"]);
        Assert.Equal(string.Empty, response.ReplyChannel);
        Assert.False(response.CacheHit);
        Assert.Equal(RequestType.Query, responder.Received.Single().RequestTypeData);
        Assert.StartsWith("_INBOX.", responder.Received.Single().ReplyChannel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_group_answers_each_query_once()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var a = await Responder.StartAsync(kit, SubscribeType.Queries, "q", _ => new Response { Executed = true }, group: "g");
        using var b = await Responder.StartAsync(kit, SubscribeType.Queries, "q", _ => new Response { Executed = true }, group: "g");

        for (var i = 0; i < 6; i++)
            Assert.True((await kit.Client.SendRequestAsync(Query("q"))).Executed);

        Assert.Equal(6, a.Received.Count + b.Received.Count);
        Assert.Equal(6, kit.Engines.Queries.List().Single().Outgoing.Messages);
    }

    [Fact]
    public async Task A_query_without_a_reply_times_out_with_error_301()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var silent = await Responder.StartAsync(kit, SubscribeType.Queries, "q", _ => null);
        var query = Query("q");
        query.Timeout = 150;

        var error = await Assert.ThrowsAsync<RpcException>(() => kit.Client.SendRequestAsync(query).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("Error 301: timeout for request message", error.Status.Detail);
    }
}

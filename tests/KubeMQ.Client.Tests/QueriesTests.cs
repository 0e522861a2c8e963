using KubeMQ.Broker;

namespace KubeMQ.Client.Tests;

public sealed class QueriesTests
{
    [Fact]
    public async Task A_query_returns_the_responders_body_and_metadata()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("queries");
        await using var responder = client.SubscribeToQueries(new RequestsSubscription { Channel = channel }, (request, ct) =>
            ValueTask.FromResult(new RequestReply { Body = TestClient.Utf8("echo:" + TestClient.Text(request.Body)), Metadata = "reply-meta" }));
        await Responder.UntilQueriesAnsweredAsync(client, channel);

        var response = await client.SendQueryAsync(new QueryRequest { Channel = channel, Id = "q-1", Body = TestClient.Utf8("ping") });

        Assert.True(response.Executed);
        Assert.Equal("q-1", response.RequestId);
        Assert.Equal("echo:ping", TestClient.Text(response.Body));
        Assert.Equal("reply-meta", response.Metadata);
        Assert.False(response.CacheHit);
    }

    [Fact]
    public async Task A_cached_query_is_answered_from_the_cache_without_reaching_the_responder()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("queries");
        var calls = 0;
        await using var responder = client.SubscribeToQueries(new RequestsSubscription { Channel = channel }, (request, ct) =>
        {
            if (Responder.IsProbe(request))
                return ValueTask.FromResult(RequestReply.Success);
            var n = Interlocked.Increment(ref calls);
            return ValueTask.FromResult(new RequestReply { Body = TestClient.Utf8($"answer-{n}") });
        });
        await Responder.UntilQueriesAnsweredAsync(client, channel);
        var query = new QueryRequest { Channel = channel, Metadata = "product", CacheKey = "product-42", CacheTtl = TimeSpan.FromMinutes(1) };

        var first = await client.SendQueryAsync(query);
        var second = await client.SendQueryAsync(query);

        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.Equal("answer-1", TestClient.Text(second.Body));
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task A_cache_key_without_a_positive_ttl_is_refused_before_sending()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);

        var missing = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.SendQueryAsync(new QueryRequest { Channel = "q", Metadata = "m", CacheKey = "k" }));
        var zero = await Assert.ThrowsAsync<KubeMQValidationException>(() => client.SendQueryAsync(new QueryRequest { Channel = "q", Metadata = "m", CacheKey = "k", CacheTtl = TimeSpan.Zero }));

        Assert.Equal("QueryRequest.CacheTtl", missing.Field);
        Assert.Equal("QueryRequest.CacheTtl", zero.Field);
    }

    [Fact]
    public async Task A_throwing_query_handler_answers_not_executed_with_the_error_text()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var client = TestClient.For(broker);
        var channel = TestClient.Channel("queries");
        await using var responder = client.SubscribeToQueries(new RequestsSubscription { Channel = channel, MaxConcurrentHandlers = 1 }, (request, ct) =>
            Responder.IsProbe(request) ? ValueTask.FromResult(RequestReply.Success) : throw new KeyNotFoundException("no such product"));
        await Responder.UntilQueriesAnsweredAsync(client, channel);

        var response = await client.SendQueryAsync(new QueryRequest { Channel = channel, Metadata = "lookup" });

        Assert.False(response.Executed);
        Assert.Equal("no such product", response.Error);
    }
}

using Google.Protobuf;
using KubeMQ.Grpc;
using RequestType = KubeMQ.Grpc.Request.Types.RequestType;
using SubscribeType = KubeMQ.Grpc.Subscribe.Types.SubscribeType;

namespace KubeMQ.Broker.Tests;

public sealed class QueryCacheTests
{
    private static Request Query(string channel, string cacheKey, int ttlSeconds, RequestType type = RequestType.Query) => new()
    {
        RequestID = Guid.NewGuid().ToString("N"),
        RequestTypeData = type,
        ClientID = "asker",
        Channel = channel,
        Body = ByteString.CopyFromUtf8("q"),
        Timeout = 5_000,
        CacheKey = cacheKey,
        CacheTTL = ttlSeconds,
    };

    private static Func<Request, Response?> Counting(Func<int, Response> reply)
    {
        var calls = 0;
        return _ => reply(Interlocked.Increment(ref calls));
    }

    [Fact]
    public async Task A_cached_response_answers_the_same_key_with_cache_hit_without_reaching_a_responder()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Queries, "products", Counting(n => new Response { Executed = true, Body = ByteString.CopyFromUtf8($"answer {n}") }));

        var first = await kit.Client.SendRequestAsync(Query("products", "p-1", 60));
        var second = Query("products", "p-1", 60);
        var hit = await kit.Client.SendRequestAsync(second);

        Assert.False(first.CacheHit);
        Assert.True(hit.CacheHit);
        Assert.Equal("answer 1", hit.Body.ToStringUtf8());
        Assert.Equal(second.RequestID, hit.RequestID);
        Assert.True(hit.Executed);
        Assert.Single(responder.Received);
    }

    [Fact]
    public async Task A_cache_hit_needs_no_responder_at_all()
    {
        await using var kit = await BrokerClient.StartAsync();
        using (await Responder.StartAsync(kit, SubscribeType.Queries, "products", _ => new Response { Executed = true, Metadata = "cached" }))
            await kit.Client.SendRequestAsync(Query("products", "k", 60));
        await Eventually.HoldsAsync(() => kit.Engines.Queries.SubscriberCount == 0, "the responder left");

        var hit = await kit.Client.SendRequestAsync(Query("products", "k", 60));

        Assert.True(hit.CacheHit);
        Assert.Equal("cached", hit.Metadata);
    }

    [Fact]
    public async Task Keys_are_per_channel_and_different_keys_do_not_share()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var a = await Responder.StartAsync(kit, SubscribeType.Queries, "a", Counting(n => new Response { Executed = true, Metadata = $"a{n}" }));
        using var b = await Responder.StartAsync(kit, SubscribeType.Queries, "b", Counting(n => new Response { Executed = true, Metadata = $"b{n}" }));

        await kit.Client.SendRequestAsync(Query("a", "k", 60));
        var otherChannel = await kit.Client.SendRequestAsync(Query("b", "k", 60));
        var otherKey = await kit.Client.SendRequestAsync(Query("a", "k2", 60));

        Assert.False(otherChannel.CacheHit);
        Assert.Equal("b1", otherChannel.Metadata);
        Assert.False(otherKey.CacheHit);
        Assert.Equal("a2", otherKey.Metadata);
    }

    [Fact]
    public async Task Failed_responses_are_not_cached()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Queries, "q", Counting(n => n switch
        {
            1 => new Response { Executed = false, Error = "not yet" },
            2 => new Response { Executed = true, Error = "executed but with an error" },
            _ => new Response { Executed = true, Metadata = "fine" },
        }));

        var notExecuted = await kit.Client.SendRequestAsync(Query("q", "k", 60));
        var withError = await kit.Client.SendRequestAsync(Query("q", "k", 60));
        var fine = await kit.Client.SendRequestAsync(Query("q", "k", 60));
        var hit = await kit.Client.SendRequestAsync(Query("q", "k", 60));

        Assert.False(notExecuted.CacheHit || withError.CacheHit || fine.CacheHit);
        Assert.True(hit.CacheHit);
        Assert.Equal("fine", hit.Metadata);
        Assert.Equal(3, responder.Received.Count);
    }

    [Fact]
    public async Task Commands_are_never_cached()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Commands, "c", _ => new Response { Executed = true });

        await kit.Client.SendRequestAsync(Query("c", "k", 60, RequestType.Command));
        var again = await kit.Client.SendRequestAsync(Query("c", "k", 60, RequestType.Command));

        Assert.False(again.CacheHit);
        Assert.Equal(2, responder.Received.Count);
    }

    [Fact]
    public async Task A_cached_response_expires_after_its_ttl_in_seconds()
    {
        await using var kit = await BrokerClient.StartAsync();
        using var responder = await Responder.StartAsync(kit, SubscribeType.Queries, "q", Counting(n => new Response { Executed = true, Metadata = $"v{n}" }));

        await kit.Client.SendRequestAsync(Query("q", "k", 1));
        var cachedBy = DateTime.UtcNow;
        var hit = await kit.Client.SendRequestAsync(Query("q", "k", 1));
        await Eventually.HoldsAsync(() => DateTime.UtcNow > cachedBy.AddSeconds(1.2), "the one-second TTL has passed");
        var afterExpiry = await kit.Client.SendRequestAsync(Query("q", "k", 1));

        Assert.True(hit.CacheHit);
        Assert.False(afterExpiry.CacheHit);
        Assert.Equal("v2", afterExpiry.Metadata);
    }
}

using KubeMQ.Broker.Requests;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

/// <summary>The query cache's clock below the wire: expiry to the tick, on a clock the test moves.</summary>
public sealed class QueryCacheExpiryTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void An_entry_lives_exactly_its_ttl_in_seconds()
    {
        var clock = new ManualClock();
        var cache = new QueryCache(clock);
        cache.Store("products", "p-1", new Response { Metadata = "cached" }, ttlSeconds: 60);

        clock.Now += TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1);
        Assert.True(cache.TryGet("products", "p-1", out var hit));
        Assert.Equal("cached", hit.Metadata);

        clock.Now += TimeSpan.FromTicks(1);
        Assert.False(cache.TryGet("products", "p-1", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Storing_past_the_sweep_threshold_removes_expired_entries_never_read_again()
    {
        var clock = new ManualClock();
        var cache = new QueryCache(clock);
        for (var i = 0; i < 5000; i++)
            cache.Store("q", $"old-{i}", new Response(), ttlSeconds: 1);

        clock.Now += TimeSpan.FromSeconds(2);
        cache.Store("q", "fresh", new Response(), ttlSeconds: 1);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("q", "fresh", out _));
    }

    [Fact]
    public void Forgetting_a_channel_drops_only_its_entries()
    {
        var cache = new QueryCache(new ManualClock());
        cache.Store("a", "k", new Response(), 60);
        cache.Store("b", "k", new Response(), 60);

        cache.Forget("a");

        Assert.False(cache.TryGet("a", "k", out _));
        Assert.True(cache.TryGet("b", "k", out _));
    }
}

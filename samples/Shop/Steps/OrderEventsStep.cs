using Shop.Contracts;

namespace Shop.Steps;

/// <summary>
/// Events: orders published once reach the wildcard activity feed every time and the "packing" group once each,
/// shared between its two stations.
/// </summary>
public sealed class OrderEventsStep(IOrderEvents orders, ShopObservations observations) : IShopStep
{
    private const int Count = 4;

    public string Name => "events";

    public string Title => "IOrderEvents: a wildcard subscriber and a consumer group of two";

    private static readonly TimeSpan WarmUpPatience = TimeSpan.FromMilliseconds(250);

    public async Task RunAsync(StepLog log, CancellationToken cancellationToken)
    {
        var warmUps = await WarmUpAsync(cancellationToken);
        log.Line($"warm-up: {warmUps} event(s) until the feed and both packing stations were listening");

        var sent = new List<string>();
        for (var i = 1; i <= Count; i++)
        {
            var order = new OrderPlaced($"order-{i}", i % 2 == 0 ? "Bob" : "Ann", 10m * i);
            await orders.Placed(order);
            sent.Add(order.OrderId);
        }
        log.Line($"published Placed x{Count}: {string.Join(", ", sent)}");

        var feed = await observations.Feed.WaitUntilAsync(
            seen => sent.All(id => seen.Any(e => e.OrderId == id)), "every order on the activity feed", cancellationToken);
        var channels = feed.Select(e => e.Channel).Distinct().ToList();
        StepFailedException.ThrowUnless(channels.SequenceEqual(["shop.events.orders"]),
            $"the feed saw channels {string.Join(", ", channels)}, expected shop.events.orders");
        log.Line($"activity feed (subscribed to shop.events.*) got all {Count}, from {channels[0]}");

        var packed = await observations.Packed.WaitUntilAsync(
            seen => sent.All(id => seen.Any(e => e.OrderId == id)), "every order at a packing station", cancellationToken);
        var twice = packed.GroupBy(e => e.OrderId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        StepFailedException.ThrowUnless(twice.Count == 0,
            $"the packing group received {string.Join(", ", twice)} more than once");
        foreach (var station in packed.Where(e => sent.Contains(e.OrderId)).GroupBy(e => e.Station).OrderBy(g => g.Key))
            log.Line($"packing group: {station.Key} took {string.Join(", ", station.Select(e => e.OrderId))}");
    }

    /// <summary>
    /// Events are at most once: a subscriber that has not reached the broker yet simply misses them, and the broker
    /// tells a publisher nothing about who listens. So warm-up events go out until the feed and both stations have
    /// seen one; the real orders follow.
    /// </summary>
    private async Task<int> WarmUpAsync(CancellationToken cancellationToken)
    {
        static bool IsWarmUp(string orderId) => orderId.StartsWith("warm-up-", StringComparison.Ordinal);
        bool Listening() =>
            observations.Feed.Snapshot().Any(e => IsWarmUp(e.OrderId))
            && observations.Packed.Snapshot().Where(e => IsWarmUp(e.OrderId)).Select(e => e.Station).Distinct().Count() == 2;

        var sent = 0;
        while (!Listening())
        {
            cancellationToken.ThrowIfCancellationRequested();
            sent++;
            await orders.Placed(new OrderPlaced($"warm-up-{sent}", "shop", 0m));
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(WarmUpPatience);
            try
            {
                await observations.Packed.WaitUntilAsync(_ => Listening(), "warm-up", attempt.Token);
            }
            catch (StepFailedException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not everyone listens yet: send another.
            }
        }
        return sent;
    }
}

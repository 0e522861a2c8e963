using KubeMQ.Typed;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>Follows every shop events channel ("shop.events.*") without a group, so it sees every event.</summary>
public sealed class ActivityFeed(ShopObservations observations) : IOrderEventsHandler
{
    public Task Placed(OrderPlaced order, KubeMQRequestContext context)
    {
        // For a wildcard subscription the context names the concrete channel the event was published on.
        observations.Feed.Add((context.Channel, order.OrderId));
        return Task.CompletedTask;
    }
}

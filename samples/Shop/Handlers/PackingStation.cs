using KubeMQ.Typed;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>
/// A packing station; stations A and B join the consumer group "packing", so each order is packed by one of them.
/// Two classes rather than one because a registration resolves its handler by type.
/// </summary>
public abstract class PackingStation(ShopObservations observations, string station) : IOrderEventsHandler
{
    public Task Placed(OrderPlaced order, KubeMQRequestContext context)
    {
        observations.Packed.Add((station, order.OrderId));
        return Task.CompletedTask;
    }
}

public sealed class PackingStationA(ShopObservations observations) : PackingStation(observations, "station-a");

public sealed class PackingStationB(ShopObservations observations) : PackingStation(observations, "station-b");

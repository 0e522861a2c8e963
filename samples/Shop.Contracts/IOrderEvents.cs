using KubeMQ.Typed;

namespace Shop.Contracts;

/// <summary>
/// Events: fire-and-forget order notifications. Every ungrouped subscriber gets each event (the activity feed listens
/// to "shop.events.*"); within a consumer group (the two packing stations) each event goes to one member.
/// </summary>
[KubeMQChannel("shop.events.orders", Pattern = KubeMQPattern.Events)]
public interface IOrderEvents
{
    Task Placed(OrderPlaced order);
}

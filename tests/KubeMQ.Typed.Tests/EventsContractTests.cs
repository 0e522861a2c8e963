using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed.Runtime;
using KubeMQ.Typed.Tests.Contracts;
using KubeMQ.Typed.Tests.Support;

namespace KubeMQ.Typed.Tests;

public sealed class EventsContractTests
{
    /// <summary>
    /// Events are at most once: an event published before a handler's subscription is live is lost. So publish probe
    /// notes until every handler named in <paramref name="keys"/> has seen one (bounded by the recorder's limit).
    /// </summary>
    private static async Task WaitUntilHandlersReceiveAsync(TypedHost host, params string[] keys)
    {
        var events = host.Get<IOrderEvents>();
        var deadline = DateTime.UtcNow + Recorder.Limit;
        bool AllReceived(Recorder r) => keys.All(key => r.Count(key + "-noted") > 0);
        while (!AllReceived(host.Recorder))
        {
            Assert.True(DateTime.UtcNow < deadline, $"handlers {string.Join(", ", keys)} never received a probe event");
            await events.Noted("probe", 0);
            await host.Recorder.TryWaitUntilAsync(AllReceived, TimeSpan.FromMilliseconds(300));
        }
    }

    [Fact]
    public async Task Typed_events_reach_the_handler_with_their_arguments_and_tags()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddOrderEventsClient()
            .AddOrderEventsHandler<OrderProjection>());
        await WaitUntilHandlersReceiveAsync(host, "projection");
        var order = new OrderCreated(Guid.NewGuid(), "grace");

        await host.Get<IOrderEvents>().Created(order);
        await host.Get<IOrderEvents>().Noted("urgent", 3);

        Assert.Equal([order], await host.Recorder.WaitForAsync<OrderCreated>("projection", 1));
        await host.Recorder.WaitUntilAsync(r => r.Get<(string, int, IReadOnlyDictionary<string, string>)>("projection-noted").Any(n => n.Item1 == "urgent"), "the urgent note");
        var note = host.Recorder.Get<(string Text, int Priority, IReadOnlyDictionary<string, string> Tags)>("projection-noted").Single(n => n.Text == "urgent");
        Assert.Equal(3, note.Priority);
        Assert.Equal(KubeMQWireFormat.JsonContentType, note.Tags[KubeMQWireFormat.ContentTypeTag]);
    }

    [Fact]
    public async Task Handler_exceptions_and_malformed_events_do_not_stop_the_subscription()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddOrderEventsClient()
            .AddOrderEventsHandler<OrderProjection>());
        await WaitUntilHandlersReceiveAsync(host, "projection");
        await using var raw = TypedHost.RawClient(broker);
        var order = new OrderCreated(Guid.NewGuid(), "after the failures");

        await host.Get<IOrderEvents>().Noted("throws", -1);
        await raw.SendEventAsync(new EventMessage { Channel = "typed.events.orders", Metadata = "Created", Body = "{broken"u8.ToArray() });
        await raw.SendEventAsync(new EventMessage { Channel = "typed.events.orders", Metadata = "Unknown", Body = "1"u8.ToArray() });
        await host.Get<IOrderEvents>().Created(order);

        Assert.Equal([order], await host.Recorder.WaitForAsync<OrderCreated>("projection", 1));
    }

    [Fact]
    public async Task Consumer_group_delivers_each_event_to_one_member_while_ungrouped_handlers_get_every_event()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddOrderEventsClient()
            .AddOrderEventsHandler<GroupMemberA>(o => o.Group = "billing")
            .AddOrderEventsHandler<GroupMemberB>(o => o.Group = "billing")
            .AddOrderEventsHandler<OrderProjection>());
        await WaitUntilHandlersReceiveAsync(host, "group", "projection");
        var orders = Enumerable.Range(0, 20).Select(i => new OrderCreated(Guid.NewGuid(), $"customer {i}")).ToList();

        foreach (var order in orders)
            await host.Get<IOrderEvents>().Created(order);

        var everyEvent = await host.Recorder.WaitForAsync<OrderCreated>("projection", orders.Count);
        var groupShare = await host.Recorder.WaitForAsync<OrderCreated>("group", orders.Count);
        Assert.Equal(orders.ToHashSet(), everyEvent.ToHashSet());
        Assert.Equal(orders.Count, everyEvent.Count);
        Assert.Equal(orders.ToHashSet(), groupShare.ToHashSet());
        Assert.Equal(orders.Count, groupShare.Count);
    }
}

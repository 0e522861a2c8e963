using System.Text.Json;
using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed.Tests.Contracts;
using KubeMQ.Typed.Tests.Support;

namespace KubeMQ.Typed.Tests;

/// <summary>
/// Host start-up waits until the embedded broker has registered every responder and handler (it confirms
/// subscriptions), so the first message after <c>StartAsync</c> is served without probing; and an events handler may
/// subscribe to a wildcard channel of its own.
/// </summary>
public sealed class HostStartTests
{
    [Fact]
    public async Task A_query_sent_right_after_host_start_is_answered_without_probing()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddProductQueriesClient()
            .AddProductQueriesResponder<ProductCatalog>());

        var product = await host.Get<IProductQueries>().Get(7);

        Assert.Equal(7, product.Id);
        Assert.Equal([7], host.Recorder.Get<int>("get"));
    }

    [Fact]
    public async Task An_event_published_right_after_host_start_reaches_the_handler()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddOrderEventsClient()
            .AddOrderEventsHandler<OrderProjection>());
        var order = new OrderCreated(Guid.NewGuid(), "first after start");

        await host.Get<IOrderEvents>().Created(order);

        Assert.Equal([order], await host.Recorder.WaitForAsync<OrderCreated>("projection", 1));
    }

    [Fact]
    public async Task A_wildcard_events_handler_receives_every_matching_channel_with_the_concrete_channel_in_its_context()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddOrderEventsClient()
            .AddOrderEventsHandler<ChannelRecordingOrderEvents>(o => o.Channel = "typed.events.*"));
        await using var raw = TypedHost.RawClient(broker);
        var fromProxy = new OrderCreated(Guid.NewGuid(), "proxy");
        var fromElsewhere = new OrderCreated(Guid.NewGuid(), "elsewhere");

        await host.Get<IOrderEvents>().Created(fromProxy);
        await raw.SendEventAsync(new EventMessage
        {
            Channel = "typed.events.returns",
            Metadata = "Created",
            Body = JsonSerializer.SerializeToUtf8Bytes(fromElsewhere, ShopJson.Default.OrderCreated),
        });
        await raw.SendEventAsync(new EventMessage { Channel = "typed.other.orders", Metadata = "Created", Body = "{}"u8.ToArray() });

        var received = await host.Recorder.WaitForAsync<(OrderCreated Order, string Channel)>("wildcard", 2);
        Assert.Contains((fromProxy, "typed.events.orders"), received);
        Assert.Contains((fromElsewhere, "typed.events.returns"), received);
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders. created")]
    [InlineData("orders.")]
    [InlineData("orders.>.created")]
    [InlineData("orders.created*")]
    public void A_bad_handler_channel_is_refused_naming_the_option(string channel)
    {
        var options = new KubeMQEventsHandlerOptions();
        var error = Assert.Throws<ArgumentException>(() => options.Channel = channel);
        Assert.Equal("Channel", error.ParamName);
        Assert.Contains("Channel", error.Message, StringComparison.Ordinal);
    }
}

public sealed class ChannelRecordingOrderEvents(Recorder recorder) : IOrderEventsHandler
{
    public Task Created(OrderCreated order, KubeMQRequestContext context)
    {
        recorder.Add("wildcard", (order, context.Channel));
        return Task.CompletedTask;
    }

    public Task Noted(string text, int priority, KubeMQRequestContext context) => Task.CompletedTask;
}

using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed.Tests.Contracts;
using KubeMQ.Typed.Tests.Support;

namespace KubeMQ.Typed.Tests;

public sealed class CommandContractTests
{
    private static async Task<TypedHost> StartAsync(KubeMQBroker broker)
    {
        var host = await TypedHost.StartAsync(broker, kubemq => kubemq
            .AddOrderCommandsClient()
            .AddOrderCommandsResponder<OrderDesk>());
        await Readiness.CommandsAsync(broker, "typed.commands.orders");
        return host;
    }

    [Fact]
    public async Task Typed_command_executes_with_every_argument()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);
        var orderId = Guid.NewGuid();

        await host.Get<IOrderCommands>().Place(orderId, "ada");

        Assert.Equal([(orderId, "ada", "Place")], host.Recorder.Get<(Guid, string, string)>("placed"));
    }

    [Fact]
    public async Task Failing_command_throws_KubeMQResponderException_carrying_the_responders_error()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);

        var error = await Assert.ThrowsAsync<KubeMQResponderException>(() => host.Get<IOrderCommands>().Reject("late"));

        Assert.Equal("System.ArgumentException", error.RemoteExceptionType);
        Assert.StartsWith("order rejected: late", error.RemoteMessage);
        Assert.Equal("reject-order", error.Method);
    }

    [Fact]
    public async Task Explicit_wire_name_travels_in_metadata_so_a_raw_client_can_call_it()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var host = await StartAsync(broker);
        await using var raw = TypedHost.RawClient(broker);

        var byWireName = await raw.SendCommandAsync(new CommandRequest
        {
            Channel = "typed.commands.orders",
            Metadata = "reject-order",
            Body = "\"raw\""u8.ToArray(),
        });
        var byCSharpName = await raw.SendCommandAsync(new CommandRequest
        {
            Channel = "typed.commands.orders",
            Metadata = "Reject",
            Body = "\"raw\""u8.ToArray(),
        });

        Assert.False(byWireName.Executed);
        Assert.StartsWith("System.ArgumentException: order rejected: raw", byWireName.Error);
        Assert.StartsWith("KubeMQ.Typed.KubeMQUnknownMethodException: ", byCSharpName.Error);
    }
}

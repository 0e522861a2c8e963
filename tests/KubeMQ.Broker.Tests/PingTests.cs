using Grpc.Net.Client;
using KubeMQ.Grpc;

namespace KubeMQ.Broker.Tests;

public sealed class PingTests
{
    [Fact]
    public async Task Ping_reports_a_version_of_at_least_3_and_the_start_time_in_unix_seconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        using var channel = GrpcChannel.ForAddress(broker.Address);
        var client = new kubemq.kubemqClient(channel);

        var result = await client.PingAsync(new Empty());

        Assert.StartsWith("3.", result.Version, StringComparison.Ordinal);
        Assert.InRange(result.ServerStartTime, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.True(result.ServerUpTimeSeconds >= 0);
        Assert.False(string.IsNullOrEmpty(result.Host));
    }

    [Fact]
    public async Task Two_brokers_run_side_by_side_on_different_free_ports()
    {
        await using var first = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        await using var second = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        Assert.NotEqual(first.Address.Port, second.Address.Port);
        Assert.Equal("127.0.0.1", first.Address.Host);
    }
}

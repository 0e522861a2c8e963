using KubeMQ.Broker;
using Shop;

namespace KubeMQ.Samples.Tests;

public sealed class ShopAgainstRunningBrokerTests
{
    [Fact]
    public async Task Shop_passes_twice_in_a_row_against_the_same_running_broker()
    {
        // What KUBEMQ_ADDRESS does: the app uses a broker it did not start, whose channels keep what earlier runs left
        // (cached replies, stored audit entries, dead letters), and must still pass.
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var address = broker.Address.GetLeftPart(UriPartial.Authority);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var first = new StringWriter();
        var firstExit = await ShopApp.RunAsync([], first, address, limit.Token);
        var second = new StringWriter();
        var secondExit = await ShopApp.RunAsync([], second, address, limit.Token);

        Assert.True(firstExit == ShopApp.Passed, $"first run exit code {firstExit}:\n{first}");
        Assert.True(secondExit == ShopApp.Passed, $"second run exit code {secondExit}:\n{second}");
        Assert.Contains($"broker at {address} (KUBEMQ_ADDRESS)", second.ToString());
        // The second run's audit entries follow the first run's five in the same stored channel.
        Assert.Contains("the live trail saw sequences 6, 7, 8, 9, 10", second.ToString());
        Assert.Contains("auditor replayed from sequence 8: 8, 9, 10", second.ToString());
    }
}

using KubeMQ.Broker;
using KubeMQ.Observability.Tests.Support;
using KubeMQ.Typed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace KubeMQ.Observability.Tests;

public sealed class HealthCheckTests
{
    private static IHost BuildHost(string address)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KubeMQ:Address"] = address,
            ["KubeMQ:ConnectTimeout"] = "2",
            ["KubeMQ:DefaultRequestTimeout"] = "3",
        });
        builder.Services.AddKubeMQ(builder.Configuration.GetSection("KubeMQ")).AddKubeMQHealthCheck(tags: ["ready"]);
        return builder.Build();
    }

    [Fact]
    public async Task Reports_healthy_against_a_broker_and_unhealthy_once_it_is_gone()
    {
        var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        using var host = BuildHost(ObservedHost.Address(broker));
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var up = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, up.Status);
        var entry = up.Entries["kubemq"];
        Assert.Equal("Connected", entry.Data["state"]);
        Assert.Contains("ready", entry.Tags);

        await broker.DisposeAsync();
        var down = await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("did not answer a ping", down.Entries["kubemq"].Description);
        Assert.NotNull(down.Entries["kubemq"].Exception);
    }

    [Fact]
    public async Task Reports_unhealthy_when_the_client_is_disposed()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        using var host = BuildHost(ObservedHost.Address(broker));
        var health = host.Services.GetRequiredService<HealthCheckService>();
        await host.Services.GetRequiredService<KubeMQ.Client.KubeMQClient>().DisposeAsync();

        var report = await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("The KubeMQ client is disposed.", report.Entries["kubemq"].Description);
    }
}

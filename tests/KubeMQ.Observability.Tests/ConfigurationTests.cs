using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KubeMQ.Observability.Tests;

public sealed class ConfigurationTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddKubeMQ(builder.Configuration.GetSection("KubeMQ"));
        return builder.Build();
    }

    private static async Task<OptionsValidationException> StartFailsAsync(Dictionary<string, string?> settings)
    {
        using var host = BuildHost(settings);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(limit.Token));
    }

    [Fact]
    public void Settings_are_read_from_the_KubeMQ_section()
    {
        using var host = BuildHost(new()
        {
            ["KubeMQ:Address"] = "broker.example:50001",
            ["KubeMQ:ClientId"] = "orders-service",
            ["KubeMQ:DefaultRequestTimeout"] = "00:00:03",
            ["KubeMQ:ConnectTimeout"] = "2.5",
            ["KubeMQ:MaxQueuePollStreams"] = "2",
            ["KubeMQ:Reconnect:MaxAttempts"] = "7",
            ["KubeMQ:Reconnect:Jitter"] = "0.5",
        });

        var options = host.Services.GetRequiredService<IOptions<KubeMQClientOptions>>().Value;

        Assert.Equal("broker.example:50001", options.Address);
        Assert.Equal("orders-service", options.ClientId);
        Assert.Equal(TimeSpan.FromSeconds(3), options.DefaultRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.ConnectTimeout);
        Assert.Equal(2, options.MaxQueuePollStreams);
        Assert.Equal(7, options.Reconnect.MaxAttempts);
        Assert.Equal(0.5, options.Reconnect.Jitter);
        Assert.Equal(TimeSpan.FromSeconds(5), options.KeepAliveTimeout); // untouched default
    }

    [Fact]
    public async Task Start_up_refuses_a_bad_address_naming_the_setting()
    {
        var error = await StartFailsAsync(new() { ["KubeMQ:Address"] = "ftp://broker:50000" });

        var message = Assert.Single(error.Failures);
        Assert.Contains("KubeMQClientOptions.Address", message);
        Assert.Contains("'ftp://broker:50000'", message);
        Assert.Contains("configuration key KubeMQ:Address", message);
    }

    [Fact]
    public async Task Start_up_refuses_a_negative_timeout_naming_the_setting()
    {
        var error = await StartFailsAsync(new() { ["KubeMQ:DefaultRequestTimeout"] = "-00:00:05" });

        var message = Assert.Single(error.Failures);
        Assert.Contains("KubeMQClientOptions.DefaultRequestTimeout", message);
        Assert.Contains("greater than zero", message);
        Assert.Contains("configuration key KubeMQ:DefaultRequestTimeout", message);
    }

    [Fact]
    public async Task Options_configured_in_code_are_validated_at_start_up_when_asked()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddKubeMQ(o => o.DefaultRequestTimeout = TimeSpan.FromSeconds(-1)).ValidateOnStart();
        using var host = builder.Build();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(limit.Token));

        var message = Assert.Single(error.Failures);
        Assert.StartsWith("KubeMQClientOptions.DefaultRequestTimeout is invalid", message);
        Assert.DoesNotContain("configuration key", message);
    }

    [Fact]
    public async Task A_value_that_does_not_parse_is_refused_naming_its_key()
    {
        var error = await StartFailsAsync(new() { ["KubeMQ:Reconnect:MaxDelay"] = "soon" });

        var message = Assert.Single(error.Failures);
        Assert.Contains("'KubeMQ:Reconnect:MaxDelay' = 'soon'", message);
    }

    [Fact]
    public async Task A_bad_nested_setting_names_its_configuration_key()
    {
        var error = await StartFailsAsync(new() { ["KubeMQ:Reconnect:Multiplier"] = "0.5" });

        Assert.Contains("configuration key KubeMQ:Reconnect:Multiplier", Assert.Single(error.Failures));
    }
}

using System.Diagnostics;
using KubeMQ.Broker;

namespace KubeMQ.Samples.Tests;

public sealed class ShopProcessTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Built_Shop_app_reads_KUBEMQ_ADDRESS_runs_every_step_and_exits_zero()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var address = broker.Address.GetLeftPart(UriPartial.Authority);

        var (exitCode, output, errors) = await RunShopAsync(address);

        Assert.True(exitCode == 0, $"exit code {exitCode}\nstdout:\n{output}\nstderr:\n{errors}");
        Assert.Contains($"KubeMQ.Typed shop sample: broker at {address} (KUBEMQ_ADDRESS)", output);
        Assert.Contains("All 6 steps passed.", output);
    }

    [Fact]
    public async Task Trace_flag_prints_the_spans_of_one_typed_query_and_one_queue_job()
    {
        await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());
        var address = broker.Address.GetLeftPart(UriPartial.Authority);

        var (exitCode, output, errors) = await RunShopAsync(address, "--trace");

        Assert.True(exitCode == 0, $"exit code {exitCode}\nstdout:\n{output}\nstderr:\n{errors}");
        Assert.Contains("All 7 steps passed.", output);
        // The query: the caller's client span and the responder's server span, in the same trace.
        Assert.Contains("Activity.DisplayName:        send shop.products", output);
        Assert.Contains("Activity.DisplayName:        process shop.products", output);
        Assert.Contains("Activity.Kind:               Server", output);
        // The job: the producer span, and the typed consumer's span linked to it.
        Assert.Contains("Activity.DisplayName:        send shop.images", output);
        Assert.Contains("Activity.DisplayName:        process shop.images", output);
        Assert.Contains("Activity.Kind:               Consumer", output);
        Assert.Contains("Activity.Links:", output);
        Assert.Contains("messaging.system: kubemq", output);
        // Only the two traces: nothing from the other steps, such as the order events.
        Assert.DoesNotContain("shop.events", output.Split("[trace]")[1]);
    }

    /// <summary>
    /// Runs the Shop.dll built next to this test assembly with the same dotnet host that runs the tests, both output
    /// streams read concurrently, killed if it outlives <see cref="RunLimit"/>.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunShopAsync(string brokerAddress, params string[] arguments)
    {
        var shop = Path.Combine(AppContext.BaseDirectory, "Shop.dll");
        Assert.True(File.Exists(shop), $"{shop} was not built next to the tests.");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(shop);
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["KUBEMQ_ADDRESS"] = brokerAddress;

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {shop}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The Shop app did not exit within {RunLimit.TotalMinutes} minutes:\n{await output}");
        }
        return (process.ExitCode, await output, await errors);
    }
}

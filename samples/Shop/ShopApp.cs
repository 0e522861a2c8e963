using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Contracts;
using Shop.Handlers;
using Shop.Steps;

namespace Shop;

/// <summary>
/// The whole sample: a broker (embedded, or the one at an address), a Generic Host with the typed KubeMQ
/// registrations, the scenarios, and an exit code.
/// </summary>
public static class ShopApp
{
    public const int Passed = 0;
    public const int StepFailed = 1;
    public const int StartFailed = 2;
    public const int Interrupted = 130;

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs every scenario once and returns <see cref="Passed"/>, <see cref="StepFailed"/> (the report names the
    /// steps), <see cref="StartFailed"/>, or <see cref="Interrupted"/> when <paramref name="cancellationToken"/> ends
    /// it. <paramref name="brokerAddress"/> null or empty starts an embedded broker on a free loopback port for the
    /// length of the run.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, string? brokerAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var trace = args.Contains("--trace");
        args = [.. args.Where(static a => a != "--trace")];
#if SHOP_TRACING
        using var tracing = trace ? new Tracing.ShopTracing() : null;
#endif
        KubeMQBroker? broker = null;
        IHost? host = null;
        try
        {
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                starting.CancelAfter(StartLimit);
                try
                {
                    string address;
                    if (string.IsNullOrWhiteSpace(brokerAddress))
                    {
                        broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions(), starting.Token);
                        address = broker.Address.GetLeftPart(UriPartial.Authority);
                        output.WriteLine($"KubeMQ.Typed shop sample: embedded broker at {address}");
                    }
                    else
                    {
                        address = brokerAddress;
                        output.WriteLine($"KubeMQ.Typed shop sample: broker at {address} (KUBEMQ_ADDRESS)");
                    }
                    host = BuildHost(args, new ShopRun(address, DateTimeOffset.UtcNow));
                    await host.StartAsync(starting.Token);
                    await ResponderReadiness.WaitAsync(host.Services.GetRequiredService<KubeMQClient>(),
                        [(RequestKind.Query, "shop.products"), (RequestKind.Command, "shop.users")], starting.Token);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    var reason = starting.IsCancellationRequested
                        ? $"did not start within {StartLimit.TotalSeconds:0} s"
                        : $"{exception.GetType().Name}: {exception.Message}";
                    output.WriteLine($"FAILED step: start (broker and host): {reason}");
                    return StartFailed;
                }
            }

            var report = new ShopReport(output);
            await host.Services.GetRequiredService<ShopScenarios>().RunAsync(report, cancellationToken);
#if SHOP_TRACING
            if (tracing is not null)
            {
                await tracing.RunAsync(host.Services, report, host.Services.GetRequiredService<ShopRun>(), cancellationToken);
                report.Summarize();
            }
#else
            if (trace)
                output.WriteLine("--trace: not in this build (the OpenTelemetry console exporter is a samples/Shop dependency only).");
#endif
            return report.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("Interrupted.");
            return Interrupted;
        }
        finally
        {
            if (host is not null)
            {
                using var stopping = new CancellationTokenSource(StopLimit);
                try
                {
                    await host.StopAsync(stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    // A binding that does not stop in time must not keep the process alive; the broker goes next.
                }
                host.Dispose();
            }
            if (broker is not null)
                await broker.DisposeAsync();
        }
    }

    /// <summary>The app's composition: what a real service using typed contracts registers.</summary>
    private static IHost BuildHost(string[] args, ShopRun run)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // The report is the output; the typed layer logs a warning for every nacked job, which here is expected.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("KubeMQ", LogLevel.Error);

        builder.Services.AddSingleton(run);
        builder.Services.AddSingleton<ShopObservations>();
        builder.Services.AddSingleton<UserAccounts>();

        builder.Services.AddKubeMQ(options => options.Address = run.BrokerAddress)
            .AddProductQueriesClient()
            .AddProductQueriesResponder<ProductCatalog>()
            .AddUserCommandsClient()
            .AddUserCommandsResponder<UserDirectory>()
            .AddOrderEventsClient()
            .AddOrderEventsHandler<PackingStationA>(options => options.Group = "packing")
            .AddOrderEventsHandler<PackingStationB>(options => options.Group = "packing")
            .AddOrderEventsHandler<ActivityFeed>(options => options.Channel = "shop.events.*")
            .AddAuditLogClient()
            // From (just before) the run's start rather than "new only": entries recorded before the subscription
            // reaches the broker are still delivered. The minute allows for a server clock behind ours; older entries
            // it lets in are not this run's, and the steps look only at their own.
            .AddAuditLogHandler<AuditTrail>(options =>
                options.StartPosition = EventsStoreStartPosition.AtTime(run.StartedAt - TimeSpan.FromMinutes(1)))
            .AddImageJobsClient()
            .AddImageJobsConsumer<ImageResizer>();

        // In report order.
        builder.Services.AddSingleton<IShopStep, ProductQueriesStep>();
        builder.Services.AddSingleton<IShopStep, UserCommandsStep>();
        builder.Services.AddSingleton<IShopStep, OrderEventsStep>();
        builder.Services.AddSingleton<IShopStep, AuditReplayStep>();
        builder.Services.AddSingleton<IShopStep, ImageJobsStep>();
        builder.Services.AddSingleton<IShopStep, ChannelListStep>();
        builder.Services.AddSingleton<ShopScenarios>();
        return builder.Build();
    }
}

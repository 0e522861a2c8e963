using KubeMQ.Broker;
using KubeMQ.Client;
using KubeMQ.Typed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeMQ.Observability.Tests.Support;

/// <summary>A generic Host wired with AddKubeMQ against an embedded broker, started and stopped like an app.</summary>
public sealed class ObservedHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ObservedHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public Seen Seen => Services.GetRequiredService<Seen>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ObservedHost> StartAsync(KubeMQBroker broker, Action<KubeMQBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(new Seen());
        configure(builder.Services.AddKubeMQ(options => options.Address = Address(broker)));
        var host = builder.Build();
        using var limit = new CancellationTokenSource(Seen.Limit);
        await host.StartAsync(limit.Token);
        return new ObservedHost(host);
    }

    public static string Address(KubeMQBroker broker) => broker.Address.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Waits until a responder answers on <paramref name="channel"/>: a probe with an unknown wire name is answered
    /// with an error reply (no handler runs) once the subscription is live, and times out at the broker before.
    /// </summary>
    public async Task WaitForResponderAsync(string channel)
    {
        var client = Get<KubeMQClient>();
        using var limit = new CancellationTokenSource(Seen.Limit);
        while (true)
        {
            try
            {
                await client.SendQueryAsync(new QueryRequest
                {
                    Channel = channel, Metadata = "__probe", Body = "null"u8.ToArray(), Timeout = TimeSpan.FromMilliseconds(300),
                }, limit.Token);
                return;
            }
            catch (KubeMQTimeoutException) when (!limit.IsCancellationRequested)
            {
                // Not subscribed yet: the broker held the probe for its whole timeout.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(Seen.Limit);
        await _host.StopAsync(limit.Token);
        _host.Dispose();
    }
}

using KubeMQ.Broker;
using KubeMQ.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeMQ.Typed.Tests.Support;

/// <summary>A real generic Host wired with AddKubeMQ against an embedded broker, started and stopped like an app.</summary>
public sealed class TypedHost : IAsyncDisposable
{
    private readonly IHost _host;
    private int _disposed;

    private TypedHost(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public Recorder Recorder => Services.GetRequiredService<Recorder>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TypedHost> StartAsync(KubeMQBroker broker, Action<KubeMQBuilder> configure, Recorder? recorder = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(recorder ?? new Recorder());
        configure(builder.Services.AddKubeMQ(options => options.Address = Address(broker)));
        var host = builder.Build();
        using var limit = new CancellationTokenSource(Recorder.Limit);
        await host.StartAsync(limit.Token);
        return new TypedHost(host);
    }

    /// <summary>A plain client for what a typed proxy cannot do: raw payloads, peeking at queues.</summary>
    public static KubeMQClient RawClient(KubeMQBroker broker) => new(new KubeMQClientOptions { Address = Address(broker) });

    private static string Address(KubeMQBroker broker) => broker.Address.GetLeftPart(UriPartial.Authority);

    /// <summary>Stops the host like an app shutdown (bindings stop, unsettled queue messages return); idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        using var limit = new CancellationTokenSource(Recorder.Limit);
        await _host.StopAsync(limit.Token);
        if (_host is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
        else
            _host.Dispose();
    }
}

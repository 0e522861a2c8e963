using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMQ.Benchmarks.Ceiling;

/// <summary>
/// Hosts <see cref="NoOpKubeMQService"/> with the Kestrel settings the embedded broker uses (HTTP/2 cleartext on
/// loopback, the same stream limit and message size), so the ceiling differs from the broker only by broker work.
/// </summary>
internal sealed class CeilingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CeilingServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<CeilingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 100 * 1024 * 1024 + 64 * 1024;
            grpc.MaxSendMessageSize = 100 * 1024 * 1024 + 64 * 1024;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 10_000;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.MapGrpcService<NoOpKubeMQService>();
        await app.StartAsync().ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CeilingServer(app, new Uri($"http://127.0.0.1:{new Uri(bound).Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

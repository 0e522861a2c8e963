using System.Net;
using System.Security.Cryptography.X509Certificates;
using KubeMQ.Broker.Grpc;
using KubeMQ.Broker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMQ.Broker;

/// <summary>
/// An embedded, in-memory, single-node KubeMQ-compatible broker speaking the real wire protocol over gRPC.
/// <code>await using var broker = await KubeMQBroker.StartAsync(new KubeMQBrokerOptions());</code>
/// </summary>
public sealed class KubeMQBroker : IAsyncDisposable
{
    /// <summary>Room for the protobuf envelope around a body of the maximum size.</summary>
    private const int EnvelopeAllowance = 64 * 1024;

    private readonly WebApplication _app;
    private readonly BrokerRuntime _runtime;
    private int _stopped;

    private KubeMQBroker(WebApplication app, BrokerRuntime runtime, Uri address)
    {
        _app = app;
        _runtime = runtime;
        Address = address;
    }

    /// <summary>The address clients dial, e.g. <c>http://127.0.0.1:50000</c> (https when TLS is on).</summary>
    public Uri Address { get; }

    /// <summary>The options the broker runs with.</summary>
    public KubeMQBrokerOptions Options => _runtime.Options;

    internal BrokerRuntime Runtime => _runtime;

    /// <summary>Starts a broker; with <see cref="KubeMQBrokerOptions.Port"/> 0 it binds a free port.</summary>
    public static async Task<KubeMQBroker> StartAsync(KubeMQBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeMQBrokerOptions();
        options.Validate();

        var runtime = new BrokerRuntime(options, TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(runtime);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxBodySize + EnvelopeAllowance;
            grpc.MaxSendMessageSize = options.MaxBodySize + EnvelopeAllowance;
            grpc.EnableDetailedErrors = true;
            grpc.Interceptors.Add<AuthenticationInterceptor>();
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 10_000;
            kestrel.Listen(ParseHost(options.Host), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.TlsEnabled)
                    listen.UseHttps(CreateHttpsOptions(options));
            });
        });

        var app = builder.Build();
        app.MapGrpcService<KubeMQService>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            runtime.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var scheme = options.TlsEnabled ? "https" : "http";
        var host = options.Host is "0.0.0.0" or "::" ? "127.0.0.1" : options.Host;
        if (host.Contains(':', StringComparison.Ordinal))
            host = $"[{host}]";
        return new KubeMQBroker(app, runtime, new Uri($"{scheme}://{host}:{port}"));
    }

    /// <summary>
    /// Test hook: resets every open stream (subscriptions, queue streams) as a network blip would, keeping all
    /// stored messages, sequences and transactions' fate as a real disconnect decides it. Returns how many were cut.
    /// </summary>
    public int AbortOpenStreams() => _runtime.Streams.AbortAll();

    /// <summary>Stops accepting calls, tells open queue streams the server is closing, and releases the port.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        _runtime.BeginShutdown();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Streams that did not finish in time are cut; the port is released either way.
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static IPAddress ParseHost(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        _ when IPAddress.TryParse(host, out var ip) => ip,
        _ => throw new ArgumentException($"KubeMQBrokerOptions.Host '{host}' is not an IP address or 'localhost'.", nameof(host)),
    };

    private static HttpsConnectionAdapterOptions CreateHttpsOptions(KubeMQBrokerOptions options)
    {
        var certificate = X509Certificate2.CreateFromPemFile(options.TlsCertificatePath!, options.TlsKeyPath!);
        // Kestrel on Linux wants a certificate with an exportable private key loaded as PKCS#12.
        certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
        if (!string.IsNullOrEmpty(options.ClientCaCertificatePath))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(options.ClientCaCertificatePath);
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (clientCert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(clientCert);
            };
        }
        return https;
    }
}

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace KubeMQ.Client;

/// <summary>
/// Builds the one <see cref="GrpcChannel"/> a client shares between all its calls: HTTP/2 over a
/// <see cref="SocketsHttpHandler"/> with a connect timeout (so calls fail fast when the broker is gone), keepalive
/// pings (so a silently dead connection is noticed), extra connections when one is saturated, and TLS/mTLS.
/// </summary>
internal static class BrokerChannelFactory
{
    public static GrpcChannel Create(Uri address, KubeMQClientOptions options) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = options.HttpHandler ?? CreateHandler(options),
            DisposeHttpClient = true,
            MaxSendMessageSize = options.MaxSendMessageSize,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            LoggerFactory = options.LoggerFactory,
        });

    private static SocketsHttpHandler CreateHandler(KubeMQClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            KeepAlivePingDelay = options.KeepAliveInterval,
            KeepAlivePingTimeout = options.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        if (options.Tls is { } tls)
            handler.SslOptions = CreateSslOptions(tls);
        return handler;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(KubeMQTlsOptions tls)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (!string.IsNullOrEmpty(tls.ServerName))
            ssl.TargetHost = tls.ServerName;
        if (!string.IsNullOrEmpty(tls.CaCertificatePath))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificatePath);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsIssuedBy(ca, certificate, errors);
        }
        if (!string.IsNullOrEmpty(tls.ClientCertificatePath))
        {
            using var pem = X509Certificate2.CreateFromPemFile(tls.ClientCertificatePath, tls.ClientKeyPath);
            // A certificate built from PEM holds an ephemeral key that SslStream cannot always present on Linux;
            // a PKCS#12 round trip gives it a persisted one.
            var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            ssl.ClientCertificates = new X509CertificateCollection { client };
        }
        return ssl;
    }

    /// <summary>Trusts the broker's certificate only when it chains to the configured CA and names the host.</summary>
    private static bool IsIssuedBy(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
